import { AggregationTemporality, AggregationType, DataPointType } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ValueType } from '@opentelemetry/api';
import { formatStatsd } from '../../../src/exporters/statsd/format-statsd.js';
import { collectingPipeline } from './collecting-reader.js';
import type { CollectingPipeline } from './collecting-reader.js';

const DOG = { prefix: '', tags: 'dogstatsd' } as const;

describe('formatStatsd', () => {
  let pipeline: CollectingPipeline;
  beforeEach(() => {
    pipeline = collectingPipeline();
  });
  afterEach(async () => {
    await pipeline.shutdown();
  });

  it('sends counters as the delta of each collection', async () => {
    const calls = pipeline.meter.createCounter('mcp.tool.calls');
    calls.add(2, { 'mcp.tool.name': 'echo' });
    calls.add(1, { 'mcp.tool.name': 'echo' });
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp.tool.calls:3|c|#mcp.tool.name:echo']);
    calls.add(4, { 'mcp.tool.name': 'echo' });
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp.tool.calls:4|c|#mcp.tool.name:echo']);
  });

  it('sends up-down counters as absolute gauges, negative ones as a 0 reset then the value', async () => {
    const sessions = pipeline.meter.createUpDownCounter('mcp.sessions');
    sessions.add(5);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp.sessions:5|g']);
    sessions.add(-7);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp.sessions:0|g\nmcp.sessions:-2|g']);
    // Nothing recorded since: the absolute value is sent again (a lost datagram heals itself).
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp.sessions:0|g\nmcp.sessions:-2|g']);
  });

  it('sends gauges as their last value, fractional and negative ones included', async () => {
    const temperature = pipeline.meter.createGauge('room.temperature');
    temperature.record(21.5, { room: 'a' });
    temperature.record(-3.25, { room: 'b' });
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual([
      'room.temperature:21.5|g|#room:a',
      'room.temperature:0|g|#room:b\nroom.temperature:-3.25|g|#room:b',
    ]);
  });

  it('sends nothing for a counter series with nothing new', async () => {
    pipeline.meter.createCounter('calls').add(1);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['calls:1|c']);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual([]);
  });

  it('sends observable counters as deltas (0 when unchanged) and observable gauges as values', async () => {
    let total = 10;
    pipeline.meter.createObservableCounter('bytes.sent').addCallback((result) => result.observe(total));
    pipeline.meter.createObservableGauge('queue.depth').addCallback((result) => result.observe(7));
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['bytes.sent:10|c', 'queue.depth:7|g']);
    total = 25;
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['bytes.sent:15|c', 'queue.depth:7|g']);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['bytes.sent:0|c', 'queue.depth:7|g']);
  });

  it('sends a duration histogram in seconds as millisecond timers, exact for a single measurement', async () => {
    const duration = pipeline.meter.createHistogram('mcp.tool.duration', { unit: 's' });
    duration.record(0.125, { 'mcp.tool.name': 'echo' });
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp.tool.duration:125|ms|#mcp.tool.name:echo']);
  });

  it('sends one timer line per non-empty bucket whose @rate makes the daemon count every measurement', async () => {
    const duration = pipeline.meter.createHistogram('op.duration', {
      unit: 'ms',
      advice: { explicitBucketBoundaries: [10, 100, 1000] },
    });
    for (const value of [2, 4, 50, 60, 70, 5000]) duration.record(value);
    const lines = formatStatsd(await pipeline.collect(), DOG);
    // (-inf,10] holds 2 and 4: midpoint of [min=2, 10]; (10,100]: midpoint of [10, 100];
    // (1000,+inf) holds one measurement, which must be the max.
    expect(lines).toEqual(['op.duration:6|ms|@0.5', 'op.duration:55|ms|@0.3333333333333333', 'op.duration:5000|ms']);
    const counted = lines.map((line) => 1 / Number(/@([\d.]+)/.exec(line)?.[1] ?? '1')).reduce((a, b) => a + b, 0);
    expect(counted).toBeCloseTo(6, 12);
  });

  it('sends the exact mean when all measurements share one bucket', async () => {
    const size = pipeline.meter.createHistogram('payload.size', { unit: 'By', advice: { explicitBucketBoundaries: [1000] } });
    size.record(100);
    size.record(300);
    // Not a time unit: values are sent unscaled.
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['payload.size:200|ms|@0.5']);
  });

  it('sends histograms as deltas: a collection with no new measurement sends nothing', async () => {
    pipeline.meter.createHistogram('op.duration', { unit: 's' }).record(1);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['op.duration:1000|ms']);
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual([]);
  });

  it('maps exponential histograms to timers too', async () => {
    await pipeline.shutdown();
    pipeline = collectingPipeline(undefined, {
      views: [{ instrumentName: 'exp.duration', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
    });
    const duration = pipeline.meter.createHistogram('exp.duration', { unit: 'ms' });
    for (const value of [0, 1, 1, 100]) duration.record(value);
    const lines = formatStatsd(await pipeline.collect(), DOG);
    expect(lines[0]).toBe('exp.duration:0|ms');
    expect(lines).toHaveLength(3);
    const [, ones, hundred] = lines.map((line) => Number(/:([\d.]+)\|/.exec(line)?.[1]));
    expect(ones).toBeCloseTo(1, 1);
    expect(hundred).toBe(100); // alone in the highest bucket: the max
    expect(lines[1]).toMatch(/\|@0\.5$/);
  });

  it('puts tags in the name for graphite, sorted by key', async () => {
    pipeline.meter.createCounter('mcp.tool.calls').add(1, { status: 'ok', 'mcp.tool.name': 'echo' });
    expect(formatStatsd(await pipeline.collect(), { prefix: '', tags: 'graphite' })).toEqual([
      'mcp.tool.calls;mcp.tool.name=echo;status=ok:1|c',
    ]);
  });

  it('sorts dogstatsd tags too, so one series always gets one key in the daemon', async () => {
    pipeline.meter.createCounter('c').add(1, { b: '2', a: '1' });
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['c:1|c|#a:1,b:2']);
  });

  it('without tags merges absolute values as a View dropping attributes would, and lets the daemon add counters', async () => {
    const sessions = pipeline.meter.createUpDownCounter('sessions');
    sessions.add(3, { transport: 'stdio' });
    sessions.add(-5, { transport: 'http' });
    const calls = pipeline.meter.createCounter('calls');
    calls.add(1, { tool: 'a' });
    calls.add(2, { tool: 'b' });
    const gauge = pipeline.meter.createGauge('level');
    gauge.record(1, { k: 'x' });
    gauge.record(9, { k: 'y' });
    expect(formatStatsd(await pipeline.collect(), { prefix: '', tags: 'none' })).toEqual([
      'sessions:0|g\nsessions:-2|g',
      'calls:1|c',
      'calls:2|c',
      'level:9|g',
    ]);
  });

  it('sanitises names and tag values so no line can be misparsed', async () => {
    pipeline.meter.createCounter('mcp/tool calls:total').add(1, { 'odd key!': 'a,b|c#d e', list: ['x', 'y'] });
    expect(formatStatsd(await pipeline.collect(), DOG)).toEqual(['mcp_tool_calls_total:1|c|#list:x_y,odd_key_:a_b_c_d_e']);
    pipeline.meter.createCounter('g').add(1, { k: 'a;b=c:d~e', empty: '' });
    expect(formatStatsd(await pipeline.collect(), { prefix: '', tags: 'graphite' })).toEqual(['g;empty=_;k=a_b_c_d_e:1|c']);
  });

  it('joins the prefix with one dot', async () => {
    pipeline.meter.createCounter('calls').add(1);
    const metrics = await pipeline.collect();
    expect(formatStatsd(metrics, { prefix: 'weather', tags: 'none' })).toEqual(['weather.calls:1|c']);
    expect(formatStatsd(metrics, { prefix: 'weather.', tags: 'none' })).toEqual(['weather.calls:1|c']);
  });

  it('skips non-finite values', () => {
    const metrics: ResourceMetrics = {
      resource: resourceFromAttributes({}),
      scopeMetrics: [
        {
          scope: { name: 's' },
          metrics: [
            {
              descriptor: { name: 'g', description: '', unit: '', valueType: ValueType.DOUBLE },
              aggregationTemporality: AggregationTemporality.CUMULATIVE,
              dataPointType: DataPointType.GAUGE,
              dataPoints: [
                { startTime: [0, 0], endTime: [0, 0], attributes: {}, value: Number.NaN },
                { startTime: [0, 0], endTime: [0, 0], attributes: {}, value: Number.POSITIVE_INFINITY },
                { startTime: [0, 0], endTime: [0, 0], attributes: {}, value: 1e21 },
              ],
            },
          ],
        },
      ],
    };
    expect(formatStatsd(metrics, DOG)).toEqual(['g:1000000000000000000000|g']);
  });
});
