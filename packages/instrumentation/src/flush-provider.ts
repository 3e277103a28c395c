import { metrics } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/api';
import { reportFailure } from './safe.js';

/**
 * Asks the meter provider in use to export now, if it can: `forceFlush()` is not part of the OTel
 * API's `MeterProvider`, so it is looked up on the object (the SDK's `MeterProvider` has it, the
 * no-op one does not). Never throws and never rejects into the host; a failure is reported once.
 */
export function flushMeterProvider(injected: MeterProvider | undefined): void {
  try {
    const provider = injected ?? metrics.getMeterProvider();
    const flush = (provider as { forceFlush?: unknown }).forceFlush;
    if (typeof flush !== 'function') return;
    const result: unknown = flush.call(provider);
    if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
      (result as PromiseLike<unknown>).then(undefined, (error: unknown) => reportFailure('flushing metrics when a stdio session ended', error));
    }
  } catch (error) {
    reportFailure('flushing metrics when a stdio session ended', error);
  }
}
