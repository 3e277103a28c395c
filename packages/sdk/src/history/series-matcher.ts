import type { AttributeMatcher, SeriesKind, SeriesSelector } from './history-types.js';
import type { HistoryStore } from './history-store.js';
import type { StoredMetric, StoredSeries } from './stored-series.js';

interface CompiledMatcher {
  readonly key: string;
  readonly test: (value: string) => boolean;
}

/**
 * A compiled {@link SeriesSelector}: the series of a metric (of the given kinds) whose attributes
 * match, as a PromQL selector would pick them (a missing attribute is `""`; regular expressions are
 * fully anchored). The result is cached per metric until the metric gains or loses a series, so
 * a rule evaluated every interval does not match attributes again.
 */
export class SeriesMatcher {
  readonly selector: SeriesSelector;
  private readonly kinds: readonly SeriesKind[] | undefined;
  private readonly matchers: readonly CompiledMatcher[];
  private readonly cache = new WeakMap<StoredMetric, { generation: number; series: StoredSeries[] }>();

  /** @param kinds - the kinds that count (e.g. only `counter` for `rate`); omitted: every kind. */
  constructor(selector: SeriesSelector, kinds?: readonly SeriesKind[]) {
    this.selector = selector;
    this.kinds = kinds;
    this.matchers = Object.entries(selector.attributes ?? {}).map(([key, matcher]) => compile(key, matcher));
  }

  /**
   * The matching series now. The array is the cached one (do not change it) when a single metric
   * matches, and stays the same array until that metric gains or loses a series, so callers can
   * cache per-series work against its identity.
   */
  select(store: HistoryStore): readonly StoredSeries[] {
    let single: readonly StoredSeries[] | undefined;
    let result: StoredSeries[] | undefined;
    for (const metric of store.metrics(this.selector.metric)) {
      if (this.selector.scope !== undefined && metric.scope !== this.selector.scope) continue;
      if (this.kinds !== undefined && !this.kinds.includes(metric.kind)) continue;
      let cached = this.cache.get(metric);
      if (cached === undefined || cached.generation !== metric.generation) {
        cached = { generation: metric.generation, series: metric.series.filter((series) => this.matches(series.attributes)) };
        this.cache.set(metric, cached);
      }
      if (single === undefined && result === undefined) {
        single = cached.series;
        continue;
      }
      result ??= [...single!];
      single = undefined;
      for (const series of cached.series) result.push(series);
    }
    return result ?? single ?? EMPTY;
  }

  /** The kinds stored under this metric name (to explain an empty selection). */
  kindsSeen(store: HistoryStore): SeriesKind[] {
    return store.metrics(this.selector.metric).map((metric) => metric.kind);
  }

  matches(attributes: Record<string, string>): boolean {
    for (const matcher of this.matchers) if (!matcher.test(attributes[matcher.key] ?? '')) return false;
    return true;
  }
}

const EMPTY: readonly StoredSeries[] = [];

function compile(key: string, matcher: AttributeMatcher): CompiledMatcher {
  if (typeof matcher === 'string') return { key, test: (value) => value === matcher };
  const { op, value: wanted } = matcher;
  switch (op) {
    case '=':
      return { key, test: (value) => value === wanted };
    case '!=':
      return { key, test: (value) => value !== wanted };
    case '=~': {
      const pattern = anchored(wanted);
      return { key, test: (value) => pattern.test(value) };
    }
    case '!~': {
      const pattern = anchored(wanted);
      return { key, test: (value) => !pattern.test(value) };
    }
  }
}

/** PromQL anchors regular expressions at both ends. */
export function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}
