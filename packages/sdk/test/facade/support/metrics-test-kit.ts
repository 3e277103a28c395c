import { diag, DiagLogLevel } from '@opentelemetry/api';
import {
  MeterProvider,
  MetricReader,
  type DataPoint,
  type MetricData,
  type ResourceMetrics,
  type ViewOptions,
} from '@opentelemetry/sdk-metrics';

/** A pull reader for tests: `collect()` returns what the SDK aggregated. */
export class TestReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A real MeterProvider with one pull reader. */
export function createTestProvider(views?: ViewOptions[]): {
  provider: MeterProvider;
  reader: TestReader;
  collect(): Promise<ResourceMetrics>;
} {
  const reader = new TestReader();
  const provider = new MeterProvider({ readers: [reader], views });
  return {
    provider,
    reader,
    collect: async () => {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
      return resourceMetrics;
    },
  };
}

/** The metric `name` (in scope `scopeName`, if given), or undefined. */
export function findMetric(resourceMetrics: ResourceMetrics, name: string, scopeName?: string): MetricData | undefined {
  for (const scope of resourceMetrics.scopeMetrics) {
    if (scopeName !== undefined && scope.scope.name !== scopeName) continue;
    const metric = scope.metrics.find((m) => m.descriptor.name === name);
    if (metric !== undefined) return metric;
  }
  return undefined;
}

/** The data points of `name`; throws if the metric is missing. */
export function pointsOf(resourceMetrics: ResourceMetrics, name: string, scopeName?: string): DataPoint<unknown>[] {
  const metric = findMetric(resourceMetrics, name, scopeName);
  if (metric === undefined) throw new Error(`metric ${name} not exported`);
  return metric.dataPoints;
}

/** The single point of `name` whose attributes equal `attributes`. */
export function pointWith(resourceMetrics: ResourceMetrics, name: string, attributes: Record<string, unknown>): DataPoint<unknown> {
  const matches = pointsOf(resourceMetrics, name).filter((p) => JSON.stringify(sortKeys(p.attributes)) === JSON.stringify(sortKeys(attributes)));
  if (matches.length !== 1) throw new Error(`expected one point of ${name} with ${JSON.stringify(attributes)}, got ${matches.length}`);
  return matches[0]!;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Captures `diag` warnings and errors until `restore()`. */
export function captureDiag(): { warnings: string[]; errors: string[]; restore(): void } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const ignore = (): void => undefined;
  diag.setLogger(
    {
      error: (message, ...args) => errors.push([message, ...args.map(String)].join(' ')),
      warn: (message) => warnings.push(message),
      info: ignore,
      debug: ignore,
      verbose: ignore,
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  return { warnings, errors, restore: () => diag.disable() };
}
