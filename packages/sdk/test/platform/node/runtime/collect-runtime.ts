import type { MeterProvider } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider as SdkMeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** A reader that collects only when asked. */
class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export type RuntimePoint = { attributes: Record<string, unknown>; value: number; count?: number };
export type RuntimeMetric = { scope: string; name: string; unit: string; type: string; points: RuntimePoint[] };

/** A real MeterProvider, and its metrics flattened by name on each collection. */
export function runtimeHarness(): { provider: MeterProvider; collect(): Promise<Map<string, RuntimeMetric>>; shutdown(): Promise<void> } {
  // The OTel SDK's own provider (the API type has no shutdown).
  const reader = new OnDemandReader();
  const provider = new SdkMeterProvider({ readers: [reader] });
  return {
    provider,
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors);
      const out = new Map<string, RuntimeMetric>();
      for (const sm of resourceMetrics.scopeMetrics) {
        for (const m of sm.metrics) {
          out.set(m.descriptor.name, {
            scope: sm.scope.name,
            name: m.descriptor.name,
            unit: m.descriptor.unit,
            // `type` is there at run time (sdk-metrics 2.12) but not in MetricDescriptor's declared type.
            type: String((m.descriptor as { type?: unknown }).type),
            points: (m.dataPoints as { attributes: Record<string, unknown>; value: unknown }[]).map((p) =>
              typeof p.value === 'number' ? { attributes: p.attributes, value: p.value } : { attributes: p.attributes, value: (p.value as { sum: number }).sum, count: (p.value as { count: number }).count },
            ),
          });
        }
      }
      return out;
    },
    shutdown: () => provider.shutdown(),
  };
}
