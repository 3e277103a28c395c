/**
 * The data model of a bench run: every measurement is a {@link Figure} with a stable id, so ratios
 * and targets can name it, and repeated runs can be merged figure by figure (median).
 */

/** Units a figure is measured in. `x` is a dimensionless ratio, `%` a percentage. */
export type Unit = 'ns' | 'us' | 'ms' | 'B' | 'x' | '%' | 'count';

/** One measured number. */
export interface Figure {
  /** Stable id, dot-separated: `<group>.<what>.<impl>...`, e.g. `hot.counter.otel.a2`. */
  id: string;
  /** Human-readable label for the printed table. */
  label: string;
  value: number;
  unit: Unit;
}

/** What one group run returns (sent from the child process to the parent). */
export interface GroupResult {
  group: string;
  figures: Figure[];
  /** Cases that could not run yet, as `pending: <what is missing>` lines, and other remarks. */
  notes: string[];
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Merges repeated runs of the same group: each figure becomes the median of its values across the
 * runs it appears in; notes are de-duplicated.
 */
export function mergeRuns(runs: readonly GroupResult[]): GroupResult {
  const byId = new Map<string, { figure: Figure; values: number[] }>();
  for (const run of runs) {
    for (const figure of run.figures) {
      const entry = byId.get(figure.id);
      if (entry === undefined) byId.set(figure.id, { figure, values: [figure.value] });
      else entry.values.push(figure.value);
    }
  }
  return {
    group: runs[0]?.group ?? '',
    figures: [...byId.values()].map(({ figure, values }) => ({ ...figure, value: median(values) })),
    notes: [...new Set(runs.flatMap((run) => run.notes))],
  };
}

/** Formats a value with its unit, switching ns -> µs -> ms and B -> KiB -> MiB where it reads better. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'ns':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} µs` : `${value.toFixed(1)} ns`;
    case 'us':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} ms` : `${value.toFixed(2)} µs`;
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'B':
      if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(2)} MiB`;
      return value >= 10_240 ? `${(value / 1024).toFixed(1)} KiB` : `${value.toFixed(0)} B`;
    case 'x':
      return `${value.toFixed(2)}x`;
    case '%':
      return `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
    case 'count':
      return String(value);
  }
}
