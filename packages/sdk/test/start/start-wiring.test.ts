import { startMetrics } from '../../src/start';
import { SeriesInstrument } from '../../src/aggregate/series-instrument';
import type { MetricsHandle } from '../../src/metrics-handle';

const MCP = '@mcp-otel/instrumentation/mcp';

describe('startMetrics wires our series', () => {
  let handle: MetricsHandle | undefined;
  afterEach(async () => {
    await handle?.shutdown();
    handle = undefined;
  });

  it('hands out histograms of our series, which reach the Prometheus endpoint', async () => {
    handle = await startMetrics({ serviceName: 'wiring', registerGlobal: false, exporters: [{ type: 'prometheus', host: '127.0.0.1', port: 0 }] }, { env: {} });
    const histogram = handle.meterProvider.getMeter(MCP).createHistogram('wiring.duration', { unit: 's' });
    expect(histogram).toBeInstanceOf(SeriesInstrument);
    const attributes = Object.freeze({ 'gen_ai.tool.name': 'get_weather' });
    for (const value of [0.1, 0.2, 3]) histogram.record(value, attributes);
    const text = await (await fetch(handle.endpoints.prometheus!)).text();
    expect(text).toMatch(/^wiring_duration_seconds_count\{gen_ai_tool_name="get_weather",otel_scope_name="@mcp-otel\/instrumentation\/mcp"\} 3$/m);
    // One scope, one family: our series and OTel's storages are merged by the collect transform.
    expect(text.match(/^# TYPE wiring_duration_seconds histogram$/gm)).toHaveLength(1);
  });

  it('samples inside our histogram series, scaled back at collection', async () => {
    handle = await startMetrics(
      { serviceName: 'wiring', registerGlobal: false, samplingRate: 0.5, exporters: [{ type: 'prometheus', host: '127.0.0.1', port: 0 }] },
      { env: {} },
    );
    const histogram = handle.meterProvider.getMeter(MCP).createHistogram('sampled.duration');
    expect(histogram).toBeInstanceOf(SeriesInstrument);
    for (let i = 0; i < 4000; i++) histogram.record(1);
    const text = await (await fetch(handle.endpoints.prometheus!)).text();
    const count = Number(/^sampled_duration_count\{[^}]*\} (\d+)$/m.exec(text)?.[1]);
    expect(count).toBeGreaterThan(3600);
    expect(count).toBeLessThan(4400);
  });

  it.each([1, 0.5])('exports the handle facade\'s counters from our series (samplingRate %p)', async (samplingRate) => {
    handle = await startMetrics(
      { serviceName: 'wiring', registerGlobal: false, samplingRate, exporters: [{ type: 'prometheus', host: '127.0.0.1', port: 0 }] },
      { env: {} },
    );
    const jobs = handle.counter('wiring.jobs', { tool: 'search' });
    for (let i = 0; i < 7; i++) jobs.increment();
    handle.upDownCounter('wiring.depth').add(-3);
    const counter = handle.meterProvider.getMeter('@mcp-otel/sdk/app').createCounter('wiring.jobs');
    expect(counter).toBeInstanceOf(SeriesInstrument);
    // The facade's handle is the series of the storage the meter's counter records into.
    expect((counter as SeriesInstrument).storage.index.values).toEqual([jobs]);
    counter.add(3, { tool: 'search' });
    const text = await (await fetch(handle.endpoints.prometheus!)).text();
    expect(text).toMatch(/^wiring_jobs_total\{tool="search",otel_scope_name="@mcp-otel\/sdk\/app"\} 10$/m);
    expect(text).toMatch(/^wiring_depth\{otel_scope_name="@mcp-otel\/sdk\/app"\} -3$/m);
    expect(text.match(/^# TYPE wiring_jobs_total counter$/gm)).toHaveLength(1);
  });
});
