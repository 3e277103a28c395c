import { now } from '../clock.js';
import type { TransportInstrumentationOptions, ResolvedOptions } from '../options.js';
import { resolveOptions } from '../options.js';
import { reportFailure, safeCall } from '../safe.js';
import { interceptCallback } from './callback-property.js';
import { KIND_NOTIFICATION } from './message-kind.js';
import type { MessageKind } from './message-kind.js';
import { detectTransport } from './transport-profile.js';
import { TransportState } from './transport-state.js';
import { transportTelemetry } from './transport-telemetry.js';

/**
 * The part of an MCP `Transport` the instrumentation relies on; every `@modelcontextprotocol/sdk`
 * transport (stdio, SSE, Streamable HTTP, in-memory, WebSocket) and any custom one satisfies it.
 */
export interface McpTransportLike {
  start(): Promise<void>;
  send(message: unknown, options?: unknown): Promise<void>;
  close(): Promise<void>;
}

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type Internal = {
  start: Fn;
  send: Fn;
  close: Fn;
  onmessage?: unknown;
  onclose?: unknown;
  onerror?: unknown;
  handleRequest?: unknown;
  handlePostMessage?: unknown;
};

const STATES = new WeakMap<object, TransportState>();
/** Our own callback wrappers, so a callback already wrapped is not wrapped again. */
const RECORDERS = new WeakSet<object>();
/** Nesting of close() calls: InMemoryTransport closes its peer from inside its own close(). */
let closesInProgress = 0;

/**
 * Adds transport metrics to any MCP transport, in place, and returns it. Call it before `connect()`;
 * the server and client helpers call it for you. Instrumenting the same transport twice is a no-op.
 *
 * The SDK's `connect()` overwrites `onmessage` / `onclose` / `onerror` (chaining the ones set before),
 * then calls `start()`; the callbacks are therefore wrapped inside `start()`, after `connect()` has set
 * them, and the methods `send`, `close`, `start` are wrapped on the instance.
 *
 * @throws TypeError for options that are invalid, or a value that is not a transport. Measurement
 * itself never throws into the host.
 * @example
 * ```ts
 * import { instrumentTransport } from '@mcp-otel/instrumentation';
 * import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
 *
 * await server.connect(instrumentTransport(new StdioServerTransport()));
 * ```
 */
export function instrumentTransport<T extends McpTransportLike>(transport: T, options?: TransportInstrumentationOptions): T {
  const resolved = resolveOptions(options);
  if (!isTransport(transport)) {
    throw new TypeError('@mcp-otel/instrumentation: instrumentTransport(transport) needs an MCP transport (an object with start, send and close methods)');
  }
  attachTransport(transport, resolved);
  return transport;
}

/** Instruments `transport` once and returns its state; `undefined` if it could not be instrumented. */
export function attachTransport(transport: object, options: ResolvedOptions): TransportState | undefined {
  const existing = STATES.get(transport);
  if (existing !== undefined) return existing;
  try {
    const profile = detectTransport(transport, options.transport);
    const state = new TransportState(profile, transportTelemetry.for(options.meterProvider), options, transport);
    install(transport as unknown as Internal, state);
    STATES.set(transport, state);
    return state;
  } catch (error) {
    reportFailure('instrumenting a transport', error);
    return undefined;
  }
}

export function isTransport(value: unknown): value is McpTransportLike {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return typeof t['start'] === 'function' && typeof t['send'] === 'function' && typeof t['close'] === 'function';
}

function install(t: Internal, state: TransportState): void {
  const start = t.start;
  const send = t.send;
  const close = t.close;

  t.start = function instrumentedStart(this: unknown, ...args: unknown[]): unknown {
    const begun = now();
    // connect() has installed its callbacks by now; they are wrapped already unless the transport
    // did not let its callback properties be intercepted.
    safeCall('wrapping transport callbacks', wrapCallbacks, t, state, undefined);
    safeCall('transport start', starting, state, begun, undefined);
    const result = start.apply(this, args);
    if (!isThenable(result)) return result;
    return result.then(
      (value) => {
        safeCall('transport start', started, state, begun, undefined);
        return value;
      },
      (error: unknown) => {
        safeCall('transport start', started, state, begun, error ?? new Error('start() rejected'));
        throw error;
      },
    );
  };

  t.send = function instrumentedSend(this: unknown, message: unknown, options?: unknown): unknown {
    const at = now();
    const kind = safeCall('transport send', sending, state, message, at);
    let result: unknown;
    try {
      result = send.call(this, message, options);
    } catch (error) {
      safeCall('transport send failure', sendFailed, state, message, error);
      throw error;
    }
    if (!isThenable(result)) return result;
    if (kind === KIND_NOTIFICATION) {
      return result.then(
        (value) => {
          safeCall('transport send', notificationSent, state, message, [at, undefined]);
          return value;
        },
        (error: unknown) => {
          safeCall('transport send', notificationSent, state, message, [at, error ?? new Error('send() rejected')]);
          safeCall('transport send failure', sendFailed, state, message, error);
          throw error;
        },
      );
    }
    return result.then(undefined, (error: unknown) => {
      safeCall('transport send failure', sendFailed, state, message, error);
      throw error;
    });
  };

  t.close = function instrumentedClose(this: unknown, ...args: unknown[]): unknown {
    if (closesInProgress === 0) state.closingLocally = true;
    closesInProgress++;
    try {
      return close.apply(this, args);
    } finally {
      closesInProgress--;
    }
  };

  for (const name of ['handleRequest', 'handlePostMessage'] as const) {
    const handle = t[name];
    if (typeof handle !== 'function') continue;
    t[name] = function instrumentedHandle(this: unknown, ...args: unknown[]): unknown {
      safeCall('reading the HTTP request', httpRequest, state, args[0], undefined);
      return (handle as Fn).apply(this, args);
    };
  }

  // Every callback assigned from now on is wrapped as it is set (2.x clients reassign them after
  // start()); what is there already (connected before, or set before connect) is wrapped now.
  const isWrapped = (fn: unknown): boolean => RECORDERS.has(fn as object);
  interceptCallback(t, 'onmessage', (fn) => messageRecorder(state, fn), isWrapped);
  interceptCallback(t, 'onclose', (fn) => closeRecorder(state, fn), isWrapped);
  interceptCallback(t, 'onerror', (fn) => errorRecorder(state, fn), isWrapped);
  wrapCallbacks(t, state);
}

function wrapCallbacks(t: Internal, state: TransportState): void {
  const { onmessage, onclose, onerror } = t;
  if (typeof onmessage === 'function' && !RECORDERS.has(onmessage)) t.onmessage = messageRecorder(state, onmessage as Fn);
  if (typeof onclose === 'function' && !RECORDERS.has(onclose)) t.onclose = closeRecorder(state, onclose as Fn);
  if (typeof onerror === 'function' && !RECORDERS.has(onerror)) t.onerror = errorRecorder(state, onerror as Fn);
}

function messageRecorder(state: TransportState, next: Fn): Fn {
  const recorder = function onmessage(this: unknown, message: unknown, extra?: unknown): unknown {
    // A callback that chains an already wrapped one (connect() keeps the previous onmessage) is
    // measured by the outer wrapper only.
    if (state.dispatching === message) return next.call(this, message, extra);
    const outer = state.dispatching;
    state.dispatching = message;
    state.deliveryExtra = extra;
    const at = now();
    const kind = safeCall('transport receive', received, state, message, at);
    state.deliveryExtra = undefined;
    try {
      return next.call(this, message, extra);
    } finally {
      state.dispatching = outer;
      if (kind === KIND_NOTIFICATION) safeCall('transport receive', dispatched, state, message, at);
    }
  };
  RECORDERS.add(recorder);
  return recorder;
}

function closeRecorder(state: TransportState, next: Fn): Fn {
  const recorder = function onclose(this: unknown, ...args: unknown[]): unknown {
    safeCall('transport close', closed, state, undefined, undefined);
    return next.apply(this, args);
  };
  RECORDERS.add(recorder);
  return recorder;
}

function errorRecorder(state: TransportState, next: Fn): Fn {
  const recorder = function onerror(this: unknown, error: unknown, ...rest: unknown[]): unknown {
    if (state.erroring === error) return next.call(this, error, ...rest);
    state.erroring = error;
    safeCall('transport error', errored, state, error, undefined);
    try {
      return next.call(this, error, ...rest);
    } finally {
      state.erroring = undefined;
    }
  };
  RECORDERS.add(recorder);
  return recorder;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

// Small adapters so safeCall gets plain functions and no closure is allocated per message.
const starting = (s: TransportState, begun: number): void => s.starting(begun);
const started = (s: TransportState, begun: number, error: unknown): void => s.started(now(), begun, error);
const sending = (s: TransportState, message: unknown, at: number): MessageKind => s.sending(message, at);
const received = (s: TransportState, message: unknown, at: number): MessageKind => s.received(message, at, s.deliveryExtra);
const dispatched = (s: TransportState, message: unknown, at: number): void => s.dispatched(message, at, now());
const notificationSent = (s: TransportState, message: unknown, t: [number, unknown]): void => s.notificationSent(message, t[0], now(), t[1]);
const sendFailed = (s: TransportState, message: unknown, error: unknown): void => s.sendFailed(message, error);
const errored = (s: TransportState, error: unknown): void => s.errored(error);
const closed = (s: TransportState): void => s.close(now());
const httpRequest = (s: TransportState, request: unknown): void => s.httpRequest(request);
