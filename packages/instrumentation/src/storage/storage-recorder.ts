import type { Attributes } from '@opentelemetry/api';
import { BoundedValues, errorTypeOf } from '../bounded-values.js';
import { now } from '../clock.js';
import { isThenable, watchSettlement } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { reportFailure } from '../safe.js';
import { ATTR_ERROR_TYPE } from '../semconv.js';
import { ATTR_MCP_OTEL_STORAGE_IO_DIRECTION } from './storage-names.js';
import { ATTR_DB_OPERATION_NAME, ATTR_DB_QUERY_SUMMARY, ATTR_DB_RESPONSE_STATUS_CODE } from './storage-semconv.js';
import type { IoCell, StorageTelemetry } from './storage-telemetry.js';
import { sizeOf } from './value-size.js';

/** What tells one operation apart: `db.operation.name`, or `db.query.summary` for SQL. */
export type OperationKey = { operation?: string; summary?: string };

/** An operation of one backend: its frozen attributes and byte counters. */
export class OperationSite {
  readonly attributes: Attributes;
  private readonly failures = new Map<string, Attributes>();

  constructor(
    base: Attributes,
    private readonly recorder: StorageRecorder,
    readonly read: IoCell,
    readonly written: IoCell,
  ) {
    this.attributes = Object.freeze({ ...base });
  }

  /** Frozen attributes of a failure: `error.type` and, when the database gave one, its status code. */
  failureAttributes(error: unknown, statusCode: string | undefined): Attributes {
    const type = this.recorder.errorType(statusCode ?? errorTypeOf(error));
    const key = `${type}\u0000${statusCode ?? ''}`;
    let attributes = this.failures.get(key);
    if (attributes === undefined) {
      attributes = { ...this.attributes, [ATTR_ERROR_TYPE]: type };
      if (statusCode !== undefined) attributes[ATTR_DB_RESPONSE_STATUS_CODE] = type;
      attributes = Object.freeze(attributes);
      this.failures.set(key, attributes);
    }
    return attributes;
  }
}

/** Error types and status codes per backend; the process-wide bound of `errorTypeOf` applies too. */
const MAX_ERROR_TYPES = 32;
/** Operation names (or query summaries) per backend; later ones are `_OTHER`. */
const MAX_OPERATIONS = 100;

/**
 * Records the operations of one storage backend: `db.client.operation.duration` per operation and
 * bytes moved into shared cells. Every method runs inside a guard: a failing meter never reaches
 * the host, whose own results and errors pass through unchanged.
 */
export class StorageRecorder {
  private readonly sites = new Map<string, OperationSite>();
  private readonly operations = new BoundedValues(MAX_OPERATIONS);
  private readonly errorTypes = new BoundedValues(MAX_ERROR_TYPES);

  constructor(
    readonly telemetry: StorageTelemetry,
    private readonly base: Readonly<Attributes>,
  ) {}

  /** The site of an operation, created on first use; names past the bound share the `_OTHER` site. */
  site(key: OperationKey): OperationSite {
    const operation = key.operation === undefined ? undefined : this.operations.admit(key.operation);
    const summary = key.summary === undefined ? undefined : this.operations.admit(key.summary);
    const id = `${operation ?? ''}\u0000${summary ?? ''}`;
    let site = this.sites.get(id);
    if (site === undefined) {
      const attributes: Attributes = { ...this.base };
      if (operation !== undefined) attributes[ATTR_DB_OPERATION_NAME] = operation;
      if (summary !== undefined) attributes[ATTR_DB_QUERY_SUMMARY] = summary;
      const cellKey = JSON.stringify(Object.entries(attributes).sort());
      site = new OperationSite(
        attributes,
        this,
        this.telemetry.ioCell(`${cellKey}|read`, { ...attributes, [ATTR_MCP_OTEL_STORAGE_IO_DIRECTION]: 'read' }),
        this.telemetry.ioCell(`${cellKey}|write`, { ...attributes, [ATTR_MCP_OTEL_STORAGE_IO_DIRECTION]: 'write' }),
      );
      this.sites.set(id, site);
    }
    return site;
  }

  errorType(type: string): string {
    return this.errorTypes.admit(type);
  }

  /** Records a finished operation; `read` / `written` are the values whose sizes count. */
  succeeded(site: OperationSite, start: number, read: unknown, written: unknown): void {
    try {
      this.telemetry.duration().record((now() - start) / 1000, site.attributes);
      const readBytes = read === undefined ? undefined : sizeOf(read);
      if (readBytes !== undefined) site.read.bytes += readBytes;
      const writtenBytes = written === undefined ? undefined : sizeOf(written);
      if (writtenBytes !== undefined) site.written.bytes += writtenBytes;
    } catch (error) {
      reportFailure('recording a storage operation', error);
    }
  }

  failed(site: OperationSite, start: number, error: unknown, statusCode?: string): void {
    try {
      this.telemetry.duration().record((now() - start) / 1000, site.failureAttributes(error, statusCode));
    } catch (recordError) {
      reportFailure('recording a failed storage operation', recordError);
    }
  }

  /**
   * Calls `original` as the host called it and records the call: synchronously when it returns, or
   * when the promise it returned settles (the host gets a promise with the same outcome, see
   * `watchSettlement`). `written` gives the value whose size counts as written; `reads` whether the
   * result's size counts as read. Errors reach the host unchanged.
   */
  call(site: OperationSite, original: AnyFunction, self: unknown, args: unknown[], reads: boolean, written: unknown, statusOf?: (error: unknown) => string | undefined): unknown {
    const start = now();
    let result: unknown;
    try {
      result = original.apply(self, args);
    } catch (error) {
      this.failed(site, start, error, statusOf?.(error));
      throw error;
    }
    if (isThenable(result)) {
      return watchSettlement(
        result,
        (value) => this.succeeded(site, start, reads ? value : undefined, written),
        (error) => this.failed(site, start, error, statusOf?.(error)),
      );
    }
    this.succeeded(site, start, reads ? result : undefined, written);
    return result;
  }
}
