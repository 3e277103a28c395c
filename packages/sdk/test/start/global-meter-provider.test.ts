import { metrics as otelMetrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { isGlobalMeterProviderRegistered } from '../../src/report/global-meter-provider.js';

// The one place the SDK reads the OTel API's global registry directly (there is no public question
// for it). If a release of @opentelemetry/api moves it, this fails, loudly, before users see OTel's
// stack trace on every second startMetrics again.
describe('isGlobalMeterProviderRegistered', () => {
  afterEach(() => otelMetrics.disable());

  it('follows setGlobalMeterProvider and disable of the installed @opentelemetry/api', () => {
    expect(isGlobalMeterProviderRegistered()).toBe(false);
    expect(otelMetrics.setGlobalMeterProvider(new MeterProvider())).toBe(true);
    expect(isGlobalMeterProviderRegistered()).toBe(true);
    otelMetrics.disable();
    expect(isGlobalMeterProviderRegistered()).toBe(false);
  });
});
