import type { Attributes, Meter, MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import type { ResolvedConfig } from '../../../src/config/resolved-config';
import { buildPipeline } from '../../../src/create/create-pipeline';
import { NODE_PLATFORM } from '../../../src/platform/node/node-pipeline';
import {
  AggregationTemporality,
  DataPointType,
  MeterProvider,
  type MetricData,
  type ResourceMetrics,
  type ViewOptions,
} from '@opentelemetry/sdk-metrics';
import { APP_METER_NAME } from '../../../src/plan/meter-names';
import { TestReader } from './metrics-test-kit';

/** Which reader of a {@link ReaderPair} collects. */
export type ReaderName = 'cumulative' | 'delta';

/** A provider with a cumulative and a delta pull reader, collected one at a time. */
export interface ReaderPair {
  provider: ApiMeterProvider & { shutdown(): Promise<void> };
  collect(reader: ReaderName): Promise<NormalizedMetric[]>;
}

/** A plain OTel provider (with `views`) with a cumulative and a delta pull reader. */
export function createReaderPair(views?: ViewOptions[], cardinalityLimit?: number): ReaderPair {
  const cardinality = cardinalityLimit === undefined ? {} : { cardinalitySelector: () => cardinalityLimit };
  const readers = {
    cumulative: new TestReader({ ...cardinality }),
    delta: new TestReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA, ...cardinality }),
  };
  const provider = new MeterProvider({ readers: [readers.cumulative, readers.delta], views });
  return {
    provider,
    collect: async (reader) => {
      const { resourceMetrics, errors } = await readers[reader].collect();
      if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
      return normalize(resourceMetrics);
    },
  };
}

/**
 * The pipeline `startMetrics` builds for `config` (`own`: our series; else `ownAggregation:
 * false`), with a cumulative and a delta pull reader.
 */
export function createPipelinePair(own: boolean, config: ResolvedConfig): ReaderPair {
  const pipeline = buildPipeline(config, {
    platform: NODE_PLATFORM,
    ownAggregation: own,
    pullReaders: [{}, { temporality: () => AggregationTemporality.DELTA }],
  });
  const [cumulative, delta] = pipeline.readers.pull;
  return {
    provider: Object.assign(pipeline.meterProvider, { shutdown: pipeline.shutdown }),
    collect: async (reader) => {
      const { resourceMetrics, errors } = await (reader === 'cumulative' ? cumulative! : delta!).collect();
      if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
      return normalize(resourceMetrics);
    },
  };
}

/**
 * What the differential tests compare: everything OTel exports but the timestamps. (The instrument
 * kind is not exported since sdk-metrics 2.0 dropped `MetricDescriptor.type`; `dataPointType` and
 * `monotonic` tell the kinds apart as far as an exporter can.)
 */
export interface NormalizedMetric {
  scope: string;
  name: string;
  unit: string;
  description: string;
  valueType: number;
  dataPointType: DataPointType;
  temporality: AggregationTemporality;
  monotonic: boolean | undefined;
  points: Array<{ attributes: Attributes; value: unknown }>;
}

function sortedEntries(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function normalizeMetric(scope: string, metric: MetricData): NormalizedMetric {
  const points = metric.dataPoints.map((point) => {
    // Timestamps differ between the two implementations; their order must not.
    const start = point.startTime[0] * 1e9 + point.startTime[1];
    const end = point.endTime[0] * 1e9 + point.endTime[1];
    if (start > end) throw new Error(`${metric.descriptor.name}: start time after end time`);
    return { attributes: sortedEntries(point.attributes), value: point.value };
  });
  points.sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));
  return {
    scope,
    name: metric.descriptor.name,
    unit: metric.descriptor.unit,
    description: metric.descriptor.description,
    valueType: metric.descriptor.valueType,
    dataPointType: metric.dataPointType,
    temporality: metric.aggregationTemporality,
    monotonic: metric.dataPointType === DataPointType.SUM ? metric.isMonotonic : undefined,
    points,
  };
}

export function normalize(resourceMetrics: ResourceMetrics): NormalizedMetric[] {
  return resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics.map((metric) => normalizeMetric(scope.scope.name, metric)))
    .sort((a, b) => `${a.scope}\u0000${a.name}`.localeCompare(`${b.scope}\u0000${b.name}`));
}

/** The facade's meter on `provider`: where the plain synchronous instruments of the reference go. */
export function referenceMeter(provider: ApiMeterProvider): Meter {
  return provider.getMeter(APP_METER_NAME);
}

export { seededRandom } from '../../support/seeded-random.js';
