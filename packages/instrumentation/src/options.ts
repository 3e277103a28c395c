import type { MeterProvider } from '@opentelemetry/api';

/**
 * Facts about a transport that override what the instrumentation detects from the transport object.
 * Use it for custom transports, or when a proxy sits between client and server.
 */
export type TransportAttributes = {
  /**
   * Value of `mcp_otel.transport.type`: lowercase letters, digits and `_`.
   * @default detected: `stdio`, `streamable_http`, `sse`, `websocket`, `in_memory`, else `custom`
   */
  type?: string;
  /** `network.transport`. @default `pipe` for stdio, `tcp` for HTTP and WebSocket, unset otherwise */
  networkTransport?: string;
  /** `network.protocol.name`. @default `http` for HTTP transports, `websocket` for WebSocket, unset otherwise */
  protocolName?: string;
  /** `network.protocol.version`. @default the HTTP version of the requests a server transport handles, unset otherwise */
  protocolVersion?: string;
  /** `server.address` on client metrics. @default the host of the client transport's URL, unset for stdio */
  serverAddress?: string;
  /** `server.port` on client metrics. @default the port of the client transport's URL */
  serverPort?: number;
};

/** Options of {@link instrumentTransport}. */
export type TransportInstrumentationOptions = {
  /**
   * Where the metrics go. Without it the global provider is used, and re-read when it changes, so
   * instrumenting before the metrics SDK starts is fine.
   * @default `metrics.getMeterProvider()` at each measurement
   */
  meterProvider?: MeterProvider;
  /**
   * Record `mcp_otel.transport.message.size`. Off by default: SDK transports do not expose the bytes
   * they write, so each message is serialized a second time to measure it (see docs/metrics.md).
   * @default false
   */
  recordMessageSize?: boolean;
  /** Overrides for detected transport attributes. @default {} */
  transport?: TransportAttributes;
  /**
   * Milliseconds after which a request still in flight (no response, no cancellation, connection
   * still open) stops counting in `mcp_otel.transport.active_requests` and is recorded as ended with
   * `error.type=timeout`. Checked when metrics are collected. `0` keeps requests until the
   * connection closes.
   * @default 600000 (10 minutes)
   */
  inFlightTimeoutMs?: number;
};

/** Options of {@link instrumentMcpServer} and {@link instrumentMcpClient}. */
export type McpInstrumentationOptions = TransportInstrumentationOptions & {
  /**
   * Record `mcp.resource.uri` (Opt-In in the conventions). Only URIs the server registered or listed
   * are recorded, at most `maxResourceUris` distinct ones; any other URI is recorded as `_OTHER`.
   * @default false
   */
  recordResourceUri?: boolean;
  /** Cap on distinct `mcp.resource.uri` values. @default 100 */
  maxResourceUris?: number;
  /**
   * Cap on distinct tool and on distinct prompt names kept as known (registered or listed); names
   * beyond it are recorded as `_OTHER`.
   * @default 1000
   */
  maxKnownNames?: number;
  /**
   * Also record `gen_ai.execute_tool.duration` (the generative-AI tool metric) for every `tools/call`
   * the server answers, with `gen_ai.tool.name` and `error.type`: for dashboards built on the gen-ai
   * conventions rather than the MCP ones. Server side only; ignored by `instrumentMcpClient`.
   * @default false
   */
  recordExecuteToolDuration?: boolean;
};

/** Options after validation, every default applied. */
export type ResolvedOptions = {
  meterProvider: MeterProvider | undefined;
  recordMessageSize: boolean;
  transport: Readonly<TransportAttributes>;
  recordResourceUri: boolean;
  maxResourceUris: number;
  maxKnownNames: number;
  inFlightTimeoutMs: number;
  recordExecuteToolDuration: boolean;
};

const OPTION_KEYS = new Set([
  'meterProvider',
  'recordMessageSize',
  'transport',
  'inFlightTimeoutMs',
  'recordResourceUri',
  'maxResourceUris',
  'maxKnownNames',
  'recordExecuteToolDuration',
]);
/** Upper bound of `inFlightTimeoutMs`: one day. */
const MAX_IN_FLIGHT_TIMEOUT_MS = 86_400_000;
const TRANSPORT_KEYS = new Set(['type', 'networkTransport', 'protocolName', 'protocolVersion', 'serverAddress', 'serverPort']);
const TOKEN = /^[a-z][a-z0-9_]{0,31}$/;

/**
 * Validates options and applies every default in one place.
 * @throws TypeError naming the option, the value and the fix, for the first problem found.
 */
export function resolveOptions(options: McpInstrumentationOptions | undefined): ResolvedOptions {
  const o = options ?? {};
  if (typeof o !== 'object' || o === null) fail('options', o, 'pass an object or nothing');
  for (const key of Object.keys(o)) {
    if (!OPTION_KEYS.has(key)) fail(key, (o as Record<string, unknown>)[key], `remove it; known options: ${[...OPTION_KEYS].join(', ')}`);
  }
  if (o.meterProvider !== undefined && typeof o.meterProvider?.getMeter !== 'function') {
    fail('meterProvider', o.meterProvider, 'pass an OpenTelemetry MeterProvider (an object with getMeter) or leave it unset');
  }
  checkBoolean('recordMessageSize', o.recordMessageSize);
  checkBoolean('recordResourceUri', o.recordResourceUri);
  checkBoolean('recordExecuteToolDuration', o.recordExecuteToolDuration);
  checkCount('maxResourceUris', o.maxResourceUris);
  checkCount('maxKnownNames', o.maxKnownNames);
  const timeout = o.inFlightTimeoutMs;
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0 && timeout <= MAX_IN_FLIGHT_TIMEOUT_MS)) {
    fail('inFlightTimeoutMs', timeout, `pass an integer number of milliseconds between 0 (never expire) and ${MAX_IN_FLIGHT_TIMEOUT_MS}`);
  }
  return {
    meterProvider: o.meterProvider,
    recordMessageSize: o.recordMessageSize ?? false,
    transport: resolveTransport(o.transport),
    recordResourceUri: o.recordResourceUri ?? false,
    maxResourceUris: o.maxResourceUris ?? 100,
    maxKnownNames: o.maxKnownNames ?? 1000,
    inFlightTimeoutMs: timeout ?? 600_000,
    recordExecuteToolDuration: o.recordExecuteToolDuration ?? false,
  };
}

function resolveTransport(t: TransportAttributes | undefined): Readonly<TransportAttributes> {
  if (t === undefined) return Object.freeze({});
  if (typeof t !== 'object' || t === null) fail('transport', t, 'pass an object such as { type: "stdio" }');
  for (const key of Object.keys(t)) {
    if (!TRANSPORT_KEYS.has(key)) fail(`transport.${key}`, (t as Record<string, unknown>)[key], `remove it; known keys: ${[...TRANSPORT_KEYS].join(', ')}`);
  }
  if (t.type !== undefined && (typeof t.type !== 'string' || !TOKEN.test(t.type))) {
    fail('transport.type', t.type, 'use lowercase letters, digits and _ (at most 32), e.g. "websocket"');
  }
  for (const key of ['networkTransport', 'protocolName', 'protocolVersion', 'serverAddress'] as const) {
    const v = t[key];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0 || v.length > 255)) fail(`transport.${key}`, v, 'pass a non-empty string of at most 255 characters');
  }
  if (t.serverPort !== undefined && !(Number.isInteger(t.serverPort) && t.serverPort > 0 && t.serverPort < 65536)) {
    fail('transport.serverPort', t.serverPort, 'pass an integer port between 1 and 65535');
  }
  return Object.freeze({ ...t });
}

function checkBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') fail(name, value, 'pass true or false');
}

function checkCount(name: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000)) {
    fail(name, value, 'pass an integer between 0 and 100000');
  }
}

function fail(field: string, value: unknown, fix: string): never {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    shown = typeof value;
  }
  throw new TypeError(`@mcp-otel/instrumentation: invalid option ${field} = ${shown}: ${fix}`);
}
