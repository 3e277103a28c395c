import { AggregationType, InstrumentType, createAllowListAttributesProcessor } from '@opentelemetry/sdk-metrics';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';
import type { ResolvedComponent, ResolvedConfig } from '../config/resolved-config.js';
import { SUMMARY_METER_NAME, summaryViews } from '../facade/summary.js';
import { componentMeterNames } from './component-meter-names.js';

const NON_HISTOGRAM_TYPES = [
  InstrumentType.COUNTER,
  InstrumentType.UP_DOWN_COUNTER,
  InstrumentType.GAUGE,
  InstrumentType.OBSERVABLE_COUNTER,
  InstrumentType.OBSERVABLE_UP_DOWN_COUNTER,
  InstrumentType.OBSERVABLE_GAUGE,
] as const;

/**
 * Views from the resolved config. OTel emits one stream per matching view, so the views built
 * here never overlap: per meter, either one drop view, or one view per instrument type.
 */
export function createViews(config: ResolvedConfig): ViewOptions[] {
  const views: ViewOptions[] = [];
  const summaryConfigured = Object.entries(config.components).some(([key]) =>
    componentMeterNames(key).includes(SUMMARY_METER_NAME),
  );
  for (const [key, component] of Object.entries(config.components)) {
    for (const meterName of componentMeterNames(key)) {
      views.push(...componentViews(meterName, component, config.cardinalityLimit));
    }
  }
  if (!summaryConfigured) views.push(...summaryViews({ cardinalityLimit: config.cardinalityLimit }));
  return views;
}

/**
 * A view's storage does not take the reader's cardinality limit (OTel falls back to 2000), so each
 * view carries `cardinalityLimit` itself.
 */
function componentViews(meterName: string, component: ResolvedComponent, aggregationCardinalityLimit: number): ViewOptions[] {
  if (!component.enabled) return [{ meterName, aggregation: { type: AggregationType.DROP } }];
  const attributesProcessors =
    component.attributes === undefined ? undefined : [createAllowListAttributesProcessor(component.attributes)];
  const views: ViewOptions[] = [];
  const histogram = histogramPart(meterName, component);
  if (histogram.aggregation !== undefined || attributesProcessors !== undefined) {
    views.push({
      meterName,
      instrumentType: InstrumentType.HISTOGRAM,
      aggregationCardinalityLimit,
      ...histogram,
      ...(attributesProcessors && { attributesProcessors }),
    });
  }
  if (attributesProcessors !== undefined) {
    for (const instrumentType of NON_HISTOGRAM_TYPES) views.push({ meterName, instrumentType, attributesProcessors, aggregationCardinalityLimit });
  }
  return views;
}

function histogramPart(meterName: string, component: ResolvedComponent): Pick<ViewOptions, 'aggregation'> {
  // Summaries stay exponential whatever the component says: their quantile error bound depends on it.
  if (meterName === SUMMARY_METER_NAME) return { aggregation: summaryViews()[0]?.aggregation };
  if (component.histogramBuckets === undefined) return {};
  return { aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: component.histogramBuckets } } };
}
