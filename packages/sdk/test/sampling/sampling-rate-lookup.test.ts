import { samplingRateLookup } from '../../src/sampling/sampling-rate-lookup';

const component = (samplingRate: number) => ({ enabled: true, samplingRate, histogramBuckets: undefined, attributes: undefined });

describe('samplingRateLookup', () => {
  const rateOf = samplingRateLookup({
    samplingRate: 0.5,
    components: { mcp: component(0.1), 'instrumentation/mcp': component(0.2), app: component(1), transport: component(Number.NaN) },
  });

  it('matches a component whose key equals the meter name or ends it after a slash, the longest key first', () => {
    expect(rateOf('@mcp-otel/instrumentation/mcp')).toBe(0.2);
    expect(rateOf('@other/mcp')).toBe(0.1);
    expect(rateOf('mcp')).toBe(0.1);
    expect(rateOf('@mcp-otel/sdk/app')).toBe(1);
  });

  it('falls back to the global rate', () => {
    expect(rateOf('@other/notmcp')).toBe(0.5);
    expect(rateOf('mcp-otel')).toBe(0.5);
    expect(rateOf('')).toBe(0.5);
  });

  it('treats an invalid rate as 1 and clamps out-of-range rates', () => {
    expect(rateOf('@x/transport')).toBe(1);
    expect(samplingRateLookup({ samplingRate: 3, components: {} })('a')).toBe(1);
    expect(samplingRateLookup({ samplingRate: -1, components: {} })('a')).toBe(0);
  });
});
