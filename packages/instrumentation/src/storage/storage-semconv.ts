/**
 * Database client names copied from the OpenTelemetry semantic conventions (`model/db/*.yaml`,
 * `docs/db/database-metrics.md`), which storage metrics follow exactly. `db.client.operation.duration`
 * and its attributes are stable; `db.query.summary` too. Copied rather than imported, like the MCP
 * names in `semconv.ts`, so the package keeps `@opentelemetry/api` as its only dependency.
 *
 * @module
 */

/** Histogram, `s`: duration of database client operations (stable). */
export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';

/** The database management system as identified by the client instrumentation, e.g. `sqlite`, `redis`. */
export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
/** The name of the operation or command being executed, e.g. `GET` (Redis), `readFile`. */
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
/** The database associated with the connection: the Redis database index, the SQLite schema. */
export const ATTR_DB_NAMESPACE = 'db.namespace';
/** Low-cardinality summary of a query, e.g. `SELECT notes` (generated from the SQL text). */
export const ATTR_DB_QUERY_SUMMARY = 'db.query.summary';
/** The database's status code of a failed operation, e.g. the Redis error prefix `WRONGTYPE`. */
export const ATTR_DB_RESPONSE_STATUS_CODE = 'db.response.status_code';

/** Explicit bucket boundaries (seconds) the conventions specify for `db.client.operation.duration`. */
export const DB_DURATION_BUCKETS: readonly number[] = Object.freeze([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]);
