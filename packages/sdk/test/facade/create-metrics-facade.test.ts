import { DataPointType, type Histogram } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { APP_METER_NAME } from '../../src/plan/meter-names';
import { captureDiag, createTestProvider, findMetric, pointsOf, pointWith } from './support/metrics-test-kit';

describe('createMetricsFacade', () => {
  it('counts with counter().increment() and add(), on the meter @mcp-otel/sdk/app', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    facade.counter('jobs.done').increment();
    facade.counter('jobs.done').increment(4);
    facade.counter('jobs.done', { queue: 'mail' }, { description: 'Jobs finished', unit: '{job}' }).add(2);

    const collected = await collect();
    const metric = findMetric(collected, 'jobs.done', APP_METER_NAME);
    expect(metric?.dataPointType).toBe(DataPointType.SUM);
    expect(metric?.dataPointType === DataPointType.SUM && metric.isMonotonic).toBe(true);
    expect(pointWith(collected, 'jobs.done', {}).value).toBe(5);
    expect(pointWith(collected, 'jobs.done', { queue: 'mail' }).value).toBe(2);
  });

  it('applies the options of the first call that creates an instrument', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    facade.counter('bytes.sent', undefined, { description: 'Bytes sent', unit: 'By' }).increment(10);
    facade.counter('bytes.sent', undefined, { description: 'ignored', unit: 'ignored' }).increment(1);
    const metric = findMetric(await collect(), 'bytes.sent');
    expect(metric?.descriptor).toMatchObject({ description: 'Bytes sent', unit: 'By' });
  });

  it('moves an up-down counter both ways', async () => {
    const { provider, collect } = createTestProvider();
    const inFlight = createMetricsFacade(provider).upDownCounter('requests.in_flight', { route: '/mcp' });
    inFlight.increment();
    inFlight.increment(3);
    inFlight.decrement();
    inFlight.add(-2);
    inFlight.decrement(-5);
    const metric = findMetric(await collect(), 'requests.in_flight');
    expect(metric?.dataPointType === DataPointType.SUM && metric.isMonotonic).toBe(false);
    expect(metric?.dataPoints[0]?.value).toBe(6);
  });

  it('keeps the last value of a gauge', async () => {
    const { provider, collect } = createTestProvider();
    const temperature = createMetricsFacade(provider).gauge('room.temperature', { room: 'lab' }, { unit: 'Cel' });
    temperature.set(21.5);
    temperature.set(-3.25);
    const metric = findMetric(await collect(), 'room.temperature');
    expect(metric?.dataPointType).toBe(DataPointType.GAUGE);
    expect(metric?.descriptor.unit).toBe('Cel');
    expect(metric?.dataPoints[0]?.value).toBe(-3.25);
  });

  it('records a histogram with the advised buckets', async () => {
    const { provider, collect } = createTestProvider();
    const sizes = createMetricsFacade(provider).histogram('payload.size', { kind: 'json' }, { unit: 'By', buckets: [10, 100, 1000] });
    for (const value of [5, 50, 60, 500, 5000]) sizes.record(value);
    const value = pointsOf(await collect(), 'payload.size')[0]!.value as Histogram;
    expect(value.buckets).toEqual({ boundaries: [10, 100, 1000], counts: [1, 2, 1, 1] });
    expect(value).toMatchObject({ count: 5, sum: 5615, min: 5, max: 5000 });
  });

  it('warns once about invalid buckets and uses the default boundaries', async () => {
    const logs = captureDiag();
    try {
      const { provider, collect } = createTestProvider();
      const facade = createMetricsFacade(provider);
      facade.histogram('latency', undefined, { buckets: [1, 1, 2] }).record(3);
      facade.histogram('latency2', undefined, { buckets: [1, Number.NaN] }).record(3);
      const value = pointsOf(await collect(), 'latency')[0]!.value as Histogram;
      expect(value.buckets.boundaries.length).toBeGreaterThan(3);
      expect(logs.warnings.filter((w) => w.includes('"latency"') && w.includes('buckets'))).toHaveLength(1);
      expect(logs.warnings.filter((w) => w.includes('"latency2"') && w.includes('buckets'))).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it('returns the same handle for the same instrument and attribute set', () => {
    const { provider } = createTestProvider();
    const facade = createMetricsFacade(provider);
    expect(facade.counter('c')).toBe(facade.counter('c'));
    expect(facade.counter('c', { a: '1', b: 2 })).toBe(facade.counter('c', { a: '1', b: 2 }));
    expect(facade.counter('c', { a: '1' })).not.toBe(facade.counter('c', { a: 1 }));
    expect(facade.counter('c', {})).toBe(facade.counter('c'));
    expect(facade.histogram('h', { x: true })).toBe(facade.histogram('h', { x: true }));
    expect(facade.gauge('g', { x: ['a', 'b'] })).toBe(facade.gauge('g', { x: ['a', 'b'] }));
    expect(facade.counter('c', { a: '1' })).not.toBe(facade.upDownCounter('c', { a: '1' }));
  });

  it('freezes a copy of the attributes, so later changes by the caller do not leak in', async () => {
    const { provider, collect } = createTestProvider();
    const attributes = { tool: 'search', tags: ['a', 'b'] };
    const handle = createMetricsFacade(provider).counter('calls', attributes);
    attributes.tool = 'mutated';
    attributes.tags.push('c');
    handle.increment();
    expect(Object.isFrozen(handle.attributes)).toBe(true);
    expect(Object.isFrozen(handle.attributes.tags)).toBe(true);
    expect(handle.attributes).toEqual({ tool: 'search', tags: ['a', 'b'] });
    expect(pointsOf(await collect(), 'calls')[0]!.attributes).toEqual({ tool: 'search', tags: ['a', 'b'] });
  });

  it('bounds the handle cache: past the bound, handles still record but are not cached', async () => {
    const logs = captureDiag();
    try {
      const { provider, collect } = createTestProvider();
      const facade = createMetricsFacade(provider, { maxHandlesPerInstrument: 2 });
      expect(facade.counter('c', { n: 1 })).toBe(facade.counter('c', { n: 1 }));
      expect(facade.counter('c', { n: 2 })).toBe(facade.counter('c', { n: 2 }));
      const third = facade.counter('c', { n: 3 });
      expect(facade.counter('c', { n: 3 })).not.toBe(third);
      third.increment();
      facade.counter('c', { n: 3 }).increment();
      facade.counter('c', { n: 4 }).increment();
      const collected = await collect();
      expect(pointWith(collected, 'c', { n: 3 }).value).toBe(2);
      expect(pointWith(collected, 'c', { n: 4 }).value).toBe(1);
      expect(logs.warnings.filter((w) => w.includes('more than 2 attribute sets'))).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it('bounds the instrument cache per kind', () => {
    const logs = captureDiag();
    try {
      const { provider } = createTestProvider();
      const facade = createMetricsFacade(provider, { maxInstrumentsPerKind: 1 });
      expect(facade.counter('first')).toBe(facade.counter('first'));
      expect(facade.counter('second')).not.toBe(facade.counter('second'));
      expect(logs.warnings.filter((w) => w.includes('more than 1 counter names'))).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it('replaces an invalid cache bound with the default, warning once', () => {
    const logs = captureDiag();
    try {
      const { provider } = createTestProvider();
      const facade = createMetricsFacade(provider, { maxHandlesPerInstrument: Number.NaN, maxInstrumentsPerKind: -1 });
      expect(facade.counter('c', { n: 1 })).toBe(facade.counter('c', { n: 1 }));
      expect(logs.warnings.filter((w) => w.includes('maxHandlesPerInstrument is NaN; using 1000'))).toHaveLength(1);
      expect(logs.warnings.filter((w) => w.includes('maxInstrumentsPerKind is -1'))).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it('records into another meter when meterName is given', async () => {
    const { provider, collect } = createTestProvider();
    createMetricsFacade(provider, { meterName: 'my-lib' }).counter('c').increment();
    expect(findMetric(await collect(), 'c', 'my-lib')).toBeDefined();
  });

  it('can be spread and destructured: its methods are bound functions', async () => {
    const { provider, collect } = createTestProvider();
    const { counter } = { ...createMetricsFacade(provider) };
    counter('spread').increment();
    expect(pointsOf(await collect(), 'spread')[0]!.value).toBe(1);
  });
});
