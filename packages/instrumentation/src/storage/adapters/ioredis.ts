import type { Attributes, MeterProvider } from '@opentelemetry/api';
import { checkKnownKeys, checkOptionsObject } from '../../option-checks.js';
import { defineOwnMethod } from '../../own-method.js';
import type { AnyFunction } from '../../own-method.js';
import { now } from '../../clock.js';
import { warnOnce } from '../../safe.js';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '../../semconv.js';
import { createStorageRecorder } from '../instrument-storage.js';
import { resolveStorageOptions } from '../storage-options.js';

/** The members of an ioredis 6 client (`Redis`) used here. */
export interface RedisClientLike {
  /** Takes ioredis's `Command` (read as {@link RedisCommandLike}); typed loosely so any client version fits. */
  sendCommand(command: never, ...rest: never[]): unknown;
  readonly options: { host?: string; port?: number; path?: string; db?: number };
}

/** The members of an ioredis `Command` used here: settled through `resolve` / `reject`. */
export interface RedisCommandLike {
  readonly name: string;
  readonly args: unknown[];
  resolve: (value: unknown) => unknown;
  reject: (error: unknown) => unknown;
  readonly isResolved?: boolean;
}

/** Options of {@link instrumentRedis}. */
export type RedisInstrumentationOptions = {
  /** Value of `mcp_otel.storage.name`. @default none */
  name?: string;
  /** Where the metrics go. @default `metrics.getMeterProvider()` at each operation */
  meterProvider?: MeterProvider;
};

const FN = 'instrumentRedis';
const instrumented = new WeakSet<object>();
const STATUS = /^[A-Z][A-Z_]{1,31}$/;

/**
 * Instruments an ioredis 6 client: every command it sends records `db.client.operation.duration`
 * with `db.system.name` `redis`, `db.operation.name` the command as the client sends it (`get`,
 * `hset`), `db.namespace` the database index the connection was opened with, `server.address` and
 * `server.port`; a Redis error adds `db.response.status_code` and `error.type` (its prefix, e.g.
 * `WRONGTYPE`). `mcp_otel.storage.io` counts the bytes of the arguments sent and of the reply.
 * Commands are watched through the command's own resolve/reject, so no promise handler is added.
 * Pipelines and MULTI batches are sent without `sendCommand` and are not recorded. Returns the same
 * client.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { instrumentRedis } from '@mcp-otel/instrumentation';
 *
 * const redis = instrumentRedis(new Redis({ host: '127.0.0.1' }));
 * await redis.get('forecast:paris'); // db.operation.name="get"
 * ```
 */
export function instrumentRedis<C extends RedisClientLike>(client: C, options: RedisInstrumentationOptions = {}): C {
  const o = checkOptionsObject(FN, options, false);
  checkKnownKeys(FN, o, ['name', 'meterProvider']);
  if (typeof client?.sendCommand !== 'function' || typeof client.options !== 'object') throw new TypeError(`@mcp-otel/instrumentation: ${FN}(client) needs an ioredis client`);
  if (instrumented.has(client)) {
    warnOnce(`${FN} twice`, `${FN}: this client is already instrumented; the second call changes nothing`);
    return client;
  }
  instrumented.add(client);
  const { host, port, path, db } = client.options;
  const server: Attributes = {};
  if (path !== undefined) server[ATTR_SERVER_ADDRESS] = path;
  else {
    server[ATTR_SERVER_ADDRESS] = host ?? 'localhost';
    server[ATTR_SERVER_PORT] = port ?? 6379;
  }
  const resolved = resolveStorageOptions(FN, { system: 'redis', name: o['name'], namespace: String(db ?? 0), meterProvider: o['meterProvider'] });
  const recorder = createStorageRecorder(resolved, server, client);
  const sendCommand = (client as unknown as { sendCommand: AnyFunction }).sendCommand;
  defineOwnMethod(
    client,
    'sendCommand',
    function (this: unknown, command: RedisCommandLike, ...rest: unknown[]) {
      if (typeof command === 'object' && command !== null && typeof command.resolve === 'function' && typeof command.reject === 'function') watch(command);
      return sendCommand.call(this, command, ...rest);
    },
    sendCommand,
  );
  function watch(command: RedisCommandLike): void {
    const site = recorder.site({ operation: String(command.name) });
    const start = now();
    const { resolve, reject } = command;
    let recorded = false;
    command.resolve = function (this: unknown, value: unknown) {
      const result = resolve.call(this, value);
      // ioredis turns a reply its transformer rejects into a reject; only a kept reply is a success.
      if (!recorded && command.isResolved !== false) {
        recorded = true;
        recorder.succeeded(site, start, value, command.args);
      }
      return result;
    };
    command.reject = function (this: unknown, error: unknown) {
      if (!recorded) {
        recorded = true;
        recorder.failed(site, start, error, statusOf(error));
      }
      return reject.call(this, error);
    };
  }
  return client;
}

/** The Redis simple-error prefix of a reply error (`WRONGTYPE Operation against ...`). */
function statusOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'ReplyError') return undefined;
  const prefix = error.message.split(' ', 1)[0] ?? '';
  return STATUS.test(prefix) ? prefix : undefined;
}
