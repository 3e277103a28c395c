import { metrics as otelMetrics } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/api';
import { globalProblem } from './problems.js';
import type { MetricsProblem } from './problems.js';

/**
 * Whether some MeterProvider is already registered with the OTel API (`metrics.setGlobalMeterProvider`).
 *
 * The API has no public way to ask: `metrics.getMeterProvider()` answers a no-op provider whose
 * class is not exported, and `setGlobalMeterProvider` refuses a second one by logging an error with
 * a stack trace. The API keeps its globals under `Symbol.for('opentelemetry.js.api.<major>')`, the
 * contract through which every copy of API 1.x in a process shares one registry, so reading it is as
 * stable as that sharing. test/start/global-meter-provider.test.ts fails loudly if it ever moves.
 */
export function isGlobalMeterProviderRegistered(): boolean {
  const registry = (globalThis as Record<symbol, { metrics?: unknown } | undefined>)[Symbol.for('opentelemetry.js.api.1')];
  return registry?.metrics !== undefined;
}

/** Registers `provider` globally unless one already is (asked first: OTel's refusal logs a stack trace). */
export function registerGlobal(provider: MeterProvider, report: (problem: MetricsProblem) => void): boolean {
  if (!isGlobalMeterProviderRegistered() && otelMetrics.setGlobalMeterProvider(provider)) return true;
  report(globalProblem());
  return false;
}
