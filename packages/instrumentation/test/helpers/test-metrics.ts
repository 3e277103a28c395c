import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics , DataPointType} from '@opentelemetry/sdk-metrics';

/** A MetricReader that only collects on demand (no timers). */
export class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export type HistogramValue = { count: number; sum: number; min?: number; max?: number; buckets: { boundaries: number[]; counts: number[] } };
export type Point = { attributes: Record<string, unknown>; value: number | HistogramValue };
export type CollectedMetric = {
  scope: string;
  scopeVersion: string | undefined;
  name: string;
  unit: string;
  description: string;
  /** Instrument type, e.g. `HISTOGRAM`, `OBSERVABLE_COUNTER`. */
  type: string;
  dataPointType: DataPointType | string | number;
  points: Point[];
};

/** Flattens collected ResourceMetrics (live, or parsed back from JSON) into metrics keyed by name. */
export function flatten(resourceMetrics: Pick<ResourceMetrics, 'scopeMetrics'>): Map<string, CollectedMetric> {
  const out = new Map<string, CollectedMetric>();
  for (const sm of resourceMetrics.scopeMetrics) {
    for (const m of sm.metrics) {
      out.set(m.descriptor.name, {
        scope: sm.scope.name,
        scopeVersion: sm.scope.version,
        name: m.descriptor.name,
        unit: m.descriptor.unit,
        description: m.descriptor.description,
        type: String((m.descriptor as { type?: unknown }).type),
        dataPointType: m.dataPointType,
        points: (m.dataPoints as { attributes: Record<string, unknown>; value: unknown }[]).map((p) => ({ attributes: { ...p.attributes }, value: p.value as Point['value'] })),
      });
    }
  }
  return out;
}

/** A real MeterProvider with an on-demand reader, for one test. */
export class TestMetrics {
  readonly reader = new TestReader();
  readonly provider = new MeterProvider({ readers: [this.reader] });

  async collect(): Promise<Map<string, CollectedMetric>> {
    const { resourceMetrics, errors } = await this.reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    return flatten(resourceMetrics);
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** Sorted `key=value` view of an attribute set, for exact comparisons with readable diffs. */
export function attrs(a: Record<string, unknown>): string[] {
  return Object.entries(a)
    .map(([k, v]) => `${k}=${String(v)}`)
    .sort();
}

/** The histogram point whose attributes equal `expected` exactly, or undefined. */
export function histogramPoint(metric: CollectedMetric | undefined, expected: Record<string, unknown>): HistogramValue | undefined {
  const want = attrs(expected).join('|');
  const point = metric?.points.find((p) => attrs(p.attributes).join('|') === want);
  return point?.value as HistogramValue | undefined;
}

/** Every attribute set of a metric with its count (histograms) or value (sums), sorted. */
export function series(metric: CollectedMetric | undefined): string[] {
  return (metric?.points ?? [])
    .map((p) => `${attrs(p.attributes).join(',')} => ${typeof p.value === 'number' ? p.value : p.value.count}`)
    .sort();
}

/** Sum of values (sums) or counts (histograms) of the points matching `filter`. */
export function total(metric: CollectedMetric | undefined, filter: Record<string, unknown> = {}): number {
  let sum = 0;
  for (const p of metric?.points ?? []) {
    if (Object.entries(filter).every(([k, v]) => p.attributes[k] === v)) sum += typeof p.value === 'number' ? p.value : p.value.count;
  }
  return sum;
}

/** Polls `condition` every few ms until it holds or `timeoutMs` passes (no fixed sleeps). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
