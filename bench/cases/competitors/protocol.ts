/**
 * IPC messages between bench/cases/competitors/child-case.ts (parent) and competitor-child.ts, and
 * what each child case module exports.
 */
import type { PairFixture } from '../mcp-round-trip.js';

/** The cases that run in a child process (bench/cases/competitors/<name>.ts). */
export type ChildCaseName = 'mcp-otel' | 'mcp-otel-v2' | 'naive-otel' | 'als' | 'traceloop' | 'shinzo';

export type ChildRequest =
  | { id: number; op: 'call' }
  /**
   * Time one batch of the baseline pair and one of the instrumented pair (order alternating), each
   * after `warmup` untimed round trips; reply with a {@link BatchTimes}.
   */
  | { id: number; op: 'time'; calls: number; warmup: number }
  | { id: number; op: 'recorded' }
  | { id: number; op: 'close' };

/** A request without its id (distributes over the union). */
export type ChildRequestBody = ChildRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** µs per round trip of one batch of each pair, timed in the child moments apart. */
export interface BatchTimes {
  us: number;
  baselineUs: number;
}

/** Reply to request `id`; id 0 is the setup the child runs on start. */
export interface ChildReply {
  id: number;
  value?: unknown;
  error?: string;
}

/** A case running in the child: the instrumented pair, its baseline, and the instrumentation's pipeline. */
export interface RunningChildCase {
  fixture: PairFixture;
  /**
   * A bare pair in the same process (it may be `fixture` itself, see `beforeBatch`): the overhead is
   * measured against it, so that the per-process offset (heap, JIT, core; several µs between two
   * processes running the same code) cancels. Process-wide costs that slow the bare pair too (an
   * enabled AsyncLocalStorage) are left out of the overhead; the `als` case measures that one.
   */
  baseline: PairFixture;
  /** Called before each timed batch (and its warmup) of either pair. */
  beforeBatch?(side: 'baseline' | 'instrumented'): void;
  /** Flushes the instrumentation's pipeline and counts what reached its exporter. */
  flushAndCount(): Promise<{ spans: number; metricPoints: number }>;
  /** What the setup changed process-wide (for the notes). */
  notes: string[];
  shutdown(): Promise<void>;
}

/**
 * What bench/cases/competitors/<name>.ts exports. The module must not load the MCP SDK at its top
 * level if its instrumentation is a require hook: `start` registers it first, then imports
 * ../mcp-round-trip.js dynamically (require hooks only see modules loaded after them).
 */
export interface ChildCaseModule {
  start(): Promise<RunningChildCase>;
}
