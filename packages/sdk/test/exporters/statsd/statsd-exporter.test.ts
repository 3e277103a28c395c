import { startStatsd } from '../../peers/statsd.js';
import type { StatsdPeer } from '../../peers/statsd.js';
import { captureDiag } from './capture-diag.js';
import type { DiagCapture } from './capture-diag.js';
import { statsdPipeline } from './statsd-pipeline.js';
import type { StatsdPipeline } from './statsd-pipeline.js';

const CALLS = 'mcp.tool.calls;mcp.tool.name=echo;status=ok';

describe('StatsdMetricExporter against the Etsy statsd daemon (UDP)', () => {
  let statsd: StatsdPeer;
  let pipeline: StatsdPipeline | undefined;
  let diagnostics: DiagCapture;

  beforeEach(async () => {
    diagnostics = captureDiag();
    statsd = await startStatsd({ protocol: 'udp' });
  });
  afterEach(async () => {
    await pipeline?.shutdown();
    pipeline = undefined;
    await statsd.stop();
    diagnostics.restore();
  });

  it('delivers counter deltas whose totals match the cumulative OTel value across flushes', async () => {
    pipeline = statsdPipeline({ port: statsd.port });
    const calls = pipeline.meter.createCounter('mcp.tool.calls');
    const attributes = { 'mcp.tool.name': 'echo', status: 'ok' };
    for (const increment of [3, 4, 5]) {
      calls.add(increment, attributes);
      await pipeline.flush();
      await statsd.waitFor(`flush with ${increment}`, (peer) => (peer.flushes().some((f) => f.counters[CALLS] === increment) ? true : undefined));
    }
    await statsd.waitFor('total 12', (peer) => (peer.counterTotal(CALLS) === 12 ? true : undefined));
    expect(await pipeline.cumulative('mcp.tool.calls')).toBe(12);
    // Nothing more arrives later: each flush sent only its delta.
    await pipeline.flush();
    const seen = statsd.flushes().length;
    await statsd.waitFor('two more daemon flushes', (peer) => (peer.flushes().length >= seen + 2 ? true : undefined));
    expect(statsd.counterTotal(CALLS)).toBe(12);
    expect(diagnostics.warnings).toEqual([]);
  });

  it('delivers up-down counters and gauges as absolute values, negative ones included', async () => {
    pipeline = statsdPipeline({ port: statsd.port });
    const sessions = pipeline.meter.createUpDownCounter('mcp.sessions.active');
    const temperature = pipeline.meter.createGauge('room.temperature');
    sessions.add(3);
    temperature.record(21.5);
    await pipeline.flush();
    await statsd.waitFor('gauges 3 and 21.5', (peer) =>
      peer.gauge('mcp.sessions.active') === 3 && peer.gauge('room.temperature') === 21.5 ? true : undefined,
    );
    sessions.add(-5);
    temperature.record(-7.5);
    await pipeline.flush();
    await statsd.waitFor('gauges -2 and -7.5', (peer) =>
      peer.gauge('mcp.sessions.active') === -2 && peer.gauge('room.temperature') === -7.5 ? true : undefined,
    );
    // Sent again unchanged: the absolute value stays, a signed delta would have drifted to -4.
    await pipeline.flush();
    const flushesBefore = statsd.flushes().length;
    await statsd.waitFor('a later flush', (peer) => (peer.flushes().length > flushesBefore ? true : undefined));
    expect(statsd.gauge('mcp.sessions.active')).toBe(-2);
    expect(statsd.gauge('room.temperature')).toBe(-7.5);
  });

  it('delivers duration histograms as millisecond timers the daemon aggregates', async () => {
    pipeline = statsdPipeline({ port: statsd.port });
    const duration = pipeline.meter.createHistogram('mcp.tool.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: [0.1, 1] },
    });
    duration.record(0.08, { 'mcp.tool.name': 'echo' });
    duration.record(0.12, { 'mcp.tool.name': 'echo' });
    await pipeline.flush();
    const key = 'mcp.tool.duration;mcp.tool.name=echo';
    const data = await statsd.waitFor('timer data', (peer) => peer.flushes().find((f) => f.timer_data[key]?.count)?.timer_data[key]);
    expect(data).toMatchObject({ count: 2, lower: 80, upper: 120, sum: 200, mean: 100 });

    // Several measurements per bucket: one line per bucket, @rate carries the count.
    for (const value of [0.02, 0.04, 0.06, 0.5, 0.7]) duration.record(value, { 'mcp.tool.name': 'echo' });
    await pipeline.flush();
    await statsd.waitFor('7 timer measurements', (peer) => (Math.abs(peer.timer(key).count - 7) < 1e-9 ? true : undefined));
    // (-inf, 0.1] holds 3: midpoint of [min 20, 100] ms; (0.1, 1] holds 2: midpoint of [100, max 700].
    const values = statsd.timer(key).values.sort((a, b) => a - b);
    expect(values).toHaveLength(4);
    [60, 80, 120, 400].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 9));
  });

  it('folds dogstatsd tags, graphite tags, or none into the keys the daemon shows', async () => {
    for (const [tags, key] of [
      ['dogstatsd', 'calls;tool=echo'],
      ['graphite', 'calls;tool=echo'],
      ['none', 'calls'],
    ] as const) {
      const own = statsdPipeline({ port: statsd.port, tags, prefix: tags });
      own.meter.createCounter('calls').add(2, { tool: 'echo' });
      await own.flush();
      await own.shutdown();
      await statsd.waitFor(`${tags} key`, (peer) => (peer.counterTotal(`${tags}.${key}`) === 2 ? true : undefined));
    }
    expect(statsd.logTail()).not.toContain('Bad line');
  });

  it('packs lines into datagrams of at most maxPacketBytes without splitting a line', async () => {
    pipeline = statsdPipeline({ port: statsd.port, maxPacketBytes: 200 });
    const calls = pipeline.meter.createCounter('mcp.tool.calls');
    const level = pipeline.meter.createUpDownCounter('queue.level');
    for (let i = 0; i < 40; i++) calls.add(i + 1, { 'mcp.tool.name': `tool_${i}` });
    level.add(-3, { queue: 'q' });
    await pipeline.flush();
    const total = (peer: StatsdPeer): number =>
      Array.from({ length: 40 }, (_, i) => peer.counterTotal(`mcp.tool.calls;mcp.tool.name=tool_${i}`)).reduce((a, b) => a + b, 0);
    await statsd.waitFor('all 40 series', (peer) => (total(peer) === (40 * 41) / 2 ? true : undefined));
    const packets = statsd.packets().map((packet) => packet.toString('utf8'));
    expect(packets.length).toBeGreaterThan(1);
    for (const packet of packets) expect(Buffer.byteLength(packet)).toBeLessThanOrEqual(200);
    const lines = packets.flatMap((packet) => packet.split('\n'));
    for (const line of lines) expect(line).toMatch(/^[A-Za-z0-9_.-]+:-?[\d.]+\|(c|g|ms)(\|@[\d.]+)?(\|#[^|\s]+)?$/);
    expect(lines.filter((line) => line.startsWith('mcp.tool.calls:'))).toHaveLength(40);
    // The negative gauge's reset and value share a datagram, reset first.
    expect(packets.some((packet) => packet.includes('queue.level:0|g|#queue:q\nqueue.level:-3|g|#queue:q'))).toBe(true);
    for (let i = 0; i < 40; i++) expect(statsd.counterTotal(`mcp.tool.calls;mcp.tool.name=tool_${i}`)).toBe(i + 1);
    expect(statsd.gauge('queue.level;queue=q')).toBe(-3);
  });
});
