import type { MeterProvider } from '@opentelemetry/api';
import { checkKnownKeys, checkOptionsObject, invalidOption } from '../../option-checks.js';
import { defineOwnMethod } from '../../own-method.js';
import type { AnyFunction } from '../../own-method.js';
import { warnOnce } from '../../safe.js';
import { sqlSummary } from '../sql-summary.js';
import { resolveStorageOptions } from '../storage-options.js';
import { createStorageRecorder } from '../instrument-storage.js';
import type { StorageRecorder } from '../storage-recorder.js';

/** The members of a better-sqlite3 12 `Database` used here. */
export interface SqliteDatabaseLike {
  prepare(source: string): SqliteStatementLike;
  exec(source: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  readonly open: boolean;
}

/** The members of a better-sqlite3 `Statement` used here. */
export interface SqliteStatementLike {
  readonly source: string;
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown;
}

/** Options of {@link instrumentSqlite}. */
export type SqliteInstrumentationOptions = {
  /** Value of `mcp_otel.storage.name`. @default none */
  name?: string;
  /** Value of `db.namespace`. @default none (a SQLite connection has no database name of its own) */
  namespace?: string;
  /** Report the database size (`page_count * page_size`) as `mcp_otel.storage.usage`. @default true */
  usage?: boolean;
  /** Where the metrics go. @default `metrics.getMeterProvider()` at each operation */
  meterProvider?: MeterProvider;
};

const FN = 'instrumentSqlite';
const instrumented = new WeakSet<object>();

/**
 * Instruments a better-sqlite3 12 `Database`: the statements it prepares from now on (`run`, `get`,
 * `all`), `exec` and `pragma` record `db.client.operation.duration` with `db.system.name` `sqlite`
 * and a `db.query.summary` generated from the SQL (`SELECT notes`, never a literal); the file size
 * is reported as `mcp_otel.storage.usage`. SQL rows have no single size, so no bytes are counted.
 * Returns the same database.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { instrumentSqlite } from '@mcp-otel/instrumentation';
 *
 * const db = instrumentSqlite(new Database('notes.db'), { name: 'notes' });
 * db.prepare('SELECT text FROM notes WHERE id = ?').get(1); // db.query.summary="SELECT notes"
 * ```
 */
export function instrumentSqlite<D extends SqliteDatabaseLike>(db: D, options: SqliteInstrumentationOptions = {}): D {
  const o = checkOptionsObject(FN, options, false);
  checkKnownKeys(FN, o, ['name', 'namespace', 'usage', 'meterProvider']);
  if (o['usage'] !== undefined && typeof o['usage'] !== 'boolean') invalidOption(FN, 'usage', o['usage'], 'pass true or false');
  if (typeof db?.prepare !== 'function' || typeof db.pragma !== 'function') throw new TypeError(`@mcp-otel/instrumentation: ${FN}(db) needs a better-sqlite3 Database`);
  if (instrumented.has(db)) {
    warnOnce(`${FN} twice`, `${FN}: this database is already instrumented; the second call changes nothing`);
    return db;
  }
  instrumented.add(db);
  const { prepare, exec, pragma } = db as unknown as Record<'prepare' | 'exec' | 'pragma', AnyFunction>;
  const usage =
    o['usage'] === false
      ? undefined
      : () => {
          if (!db.open) return undefined;
          const pages = pragma.call(db, 'page_count', { simple: true });
          const pageSize = pragma.call(db, 'page_size', { simple: true });
          return typeof pages === 'number' && typeof pageSize === 'number' ? { used: pages * pageSize } : undefined;
        };
  const resolved = resolveStorageOptions(FN, { system: 'sqlite', name: o['name'], namespace: o['namespace'], meterProvider: o['meterProvider'], usage });
  const recorder = createStorageRecorder(resolved, undefined, db);
  defineOwnMethod(
    db,
    'prepare',
    function (this: unknown, ...args: unknown[]) {
      const statement: unknown = prepare.apply(this, args);
      if (typeof statement === 'object' && statement !== null) wrapStatement(statement as SqliteStatementLike, recorder);
      return statement;
    },
    prepare,
  );
  defineOwnMethod(
    db,
    'exec',
    function (this: unknown, source: unknown, ...rest: unknown[]) {
      return recorder.call(recorder.site({ summary: summaryOf(source) }), exec, this, [source, ...rest], false, undefined);
    },
    exec,
  );
  defineOwnMethod(
    db,
    'pragma',
    function (this: unknown, source: unknown, ...rest: unknown[]) {
      return recorder.call(recorder.site({ summary: summaryOf(`PRAGMA ${String(source)}`) }), pragma, this, [source, ...rest], false, undefined);
    },
    pragma,
  );
  return db;
}

function wrapStatement(statement: SqliteStatementLike, recorder: StorageRecorder): void {
  const site = recorder.site({ summary: summaryOf(statement.source) });
  for (const method of ['run', 'get', 'all'] as const) {
    const original = (statement as unknown as Record<string, AnyFunction>)[method];
    if (typeof original !== 'function') continue;
    defineOwnMethod(
      statement,
      method,
      function (this: unknown, ...args: unknown[]) {
        return recorder.call(site, original, this, args, false, undefined);
      },
      original,
    );
  }
}

const summaryOf = (source: unknown) => (typeof source === 'string' ? sqlSummary(source) : undefined) ?? 'SQL';
