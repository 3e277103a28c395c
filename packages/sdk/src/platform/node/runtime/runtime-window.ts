/**
 * The interval the "since the last collection" metrics describe (event loop delay percentiles and
 * utilization, CPU utilization). Each reader collects on its own (Prometheus on scrape, OTLP on its
 * timer); a new window starts only when the last one is at least `minWindowMs` old, so readers
 * collecting together see the same values instead of one reader's reset emptying the other's.
 */
export class RuntimeWindow<T> {
  private last: { at: number; value: T } | undefined;

  constructor(
    private readonly take: () => T,
    private readonly now: () => number,
    private readonly minWindowMs: number,
  ) {}

  /** `take` answers `undefined` when nothing was measured yet: that starts no window, the next call asks again. */
  current(): T {
    const at = this.now();
    if (this.last === undefined || at - this.last.at >= this.minWindowMs) {
      const value = this.take();
      if (value === undefined) return value;
      this.last = { at, value };
    }
    return this.last.value;
  }
}
