/** One group of runtime metrics, started on a meter; `stop()` releases its hooks and callbacks. */
export interface RuntimeCollector {
  stop(): void;
}

/** What the collectors share. */
export interface RuntimeCollectorOptions {
  /** Milliseconds, for the collection windows. */
  now: () => number;
  /** A new window starts at most this often (see `RuntimeWindow`). */
  minWindowMs: number;
  /** Sampling resolution of `monitorEventLoopDelay`, in ms. */
  eventLoopResolutionMs: number;
}
