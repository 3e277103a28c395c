import type { Histogram } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { errorType } from '../../src/facade/timed';
import { captureDiag, createTestProvider, findMetric, pointWith } from './support/metrics-test-kit';

class QuotaError extends Error {}

/** A histogram point's value. */
function histogramAt(collected: Parameters<typeof pointWith>[0], name: string, attributes: Record<string, unknown>): Histogram {
  return pointWith(collected, name, attributes).value as Histogram;
}

describe('timed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('times a sync function in seconds (unit s) and returns its value', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    const result = facade.timed(
      'work.duration',
      () => {
        jest.advanceTimersByTime(250);
        return 42;
      },
      { job: 'sync' },
    );
    expect(result).toBe(42);
    const collected = await collect();
    expect(findMetric(collected, 'work.duration')?.descriptor.unit).toBe('s');
    expect(histogramAt(collected, 'work.duration', { job: 'sync' })).toMatchObject({ count: 1, sum: 0.25 });
  });

  it('buckets seconds with the MCP duration boundaries, not OTel millisecond defaults', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    facade.timed('work.duration', () => jest.advanceTimersByTime(30));
    facade.timer('wait.duration').stop();
    facade.histogram('bytes.size').record(1);
    const collected = await collect();
    const seconds = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
    expect(histogramAt(collected, 'work.duration', {}).buckets.boundaries).toEqual(seconds);
    expect(histogramAt(collected, 'wait.duration', {}).buckets.boundaries).toEqual(seconds);
    expect(histogramAt(collected, 'bytes.size', {}).buckets.boundaries).not.toEqual(seconds);
  });

  it('rethrows the same error from a sync function and records error.type', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    const error = new QuotaError('over quota');
    let caught: unknown;
    try {
      facade.timed(
        'work.duration',
        () => {
          jest.advanceTimersByTime(100);
          throw error;
        },
        { job: 'sync' },
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(error);
    expect(histogramAt(await collect(), 'work.duration', { job: 'sync', 'error.type': 'QuotaError' })).toMatchObject({
      count: 1,
      sum: 0.1,
    });
  });

  it('follows a promise: same value on success, same error on rejection, error.type recorded', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    const ok = facade.timed('fetch.duration', async () => {
      await Promise.resolve();
      jest.advanceTimersByTime(500);
      return 'data';
    });
    await expect(ok).resolves.toBe('data');

    const error = new TypeError('bad');
    const failed = facade.timed('fetch.duration', async () => {
      await Promise.resolve();
      jest.advanceTimersByTime(2000);
      throw error;
    });
    await expect(failed).rejects.toBe(error);
    // A non-Error rejection reason is exactly what this checks.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    await expect(facade.timed('fetch.duration', () => Promise.reject('a string'))).rejects.toBe('a string');

    const collected = await collect();
    expect(histogramAt(collected, 'fetch.duration', {})).toMatchObject({ count: 1, sum: 0.5 });
    expect(histogramAt(collected, 'fetch.duration', { 'error.type': 'TypeError' })).toMatchObject({ count: 1, sum: 2 });
    expect(histogramAt(collected, 'fetch.duration', { 'error.type': '_OTHER' })).toMatchObject({ count: 1 });
  });

  it('warns and runs nothing when given no function', () => {
    const logs = captureDiag();
    try {
      const { provider } = createTestProvider();
      const facade = createMetricsFacade(provider);
      expect(facade.timed('x', 'nope' as unknown as () => number)).toBeUndefined();
      expect(logs.warnings.filter((w) => w.includes('instead of a function'))).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });
});

describe('timedMethod (TC39 decorator)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('times sync and async methods, keeping this, arguments, values and errors', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);

    class Service {
      constructor(private readonly factor: number) {}

      @facade.timedMethod('service.compute.duration', { method: 'compute' })
      compute(a: number, b: number): number {
        jest.advanceTimersByTime(10);
        if (a < 0) throw new RangeError('negative');
        return (a + b) * this.factor;
      }

      @facade.timedMethod('service.load.duration')
      async load(id: string): Promise<string> {
        await Promise.resolve();
        jest.advanceTimersByTime(30);
        if (id === '') throw new QuotaError('empty');
        return `${id}:${this.factor}`;
      }

      @facade.timedMethod('service.static.duration')
      static describe(): string {
        return 'service';
      }
    }

    const service = new Service(10);
    expect(service.compute(1, 2)).toBe(30);
    expect(() => service.compute(-1, 2)).toThrow(RangeError);
    await expect(service.load('a')).resolves.toBe('a:10');
    await expect(service.load('')).rejects.toBeInstanceOf(QuotaError);
    expect(Service.describe()).toBe('service');

    const collected = await collect();
    expect(histogramAt(collected, 'service.compute.duration', { method: 'compute' })).toMatchObject({ count: 1, sum: 0.01 });
    expect(histogramAt(collected, 'service.compute.duration', { method: 'compute', 'error.type': 'RangeError' })).toMatchObject({
      count: 1,
    });
    expect(histogramAt(collected, 'service.load.duration', {})).toMatchObject({ count: 1, sum: 0.03 });
    expect(histogramAt(collected, 'service.load.duration', { 'error.type': 'QuotaError' })).toMatchObject({ count: 1 });
    expect(histogramAt(collected, 'service.static.duration', {})).toMatchObject({ count: 1 });
  });
});

describe('timer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('measures from creation to stop() in seconds, once, with extra attributes merged', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    const timer = facade.timer('db.query.duration', { db: 'main' });
    jest.advanceTimersByTime(1500);
    expect(timer.stop({ outcome: 'hit' })).toBe(1.5);
    jest.advanceTimersByTime(1000);
    expect(timer.stop()).toBe(1.5);

    const plain = facade.timer('db.query.duration', { db: 'main' });
    jest.advanceTimersByTime(20);
    expect(plain.stop()).toBeCloseTo(0.02, 12);

    const collected = await collect();
    expect(findMetric(collected, 'db.query.duration')?.descriptor.unit).toBe('s');
    expect(histogramAt(collected, 'db.query.duration', { db: 'main', outcome: 'hit' })).toMatchObject({ count: 1, sum: 1.5 });
    expect(histogramAt(collected, 'db.query.duration', { db: 'main' })).toMatchObject({ count: 1 });
  });
});

describe('errorType', () => {
  it('names the error class, else _OTHER', () => {
    expect(errorType(new QuotaError())).toBe('QuotaError');
    expect(errorType(new Error())).toBe('Error');
    expect(errorType('text')).toBe('_OTHER');
    expect(errorType(undefined)).toBe('_OTHER');
    expect(errorType({ message: 'plain object' })).toBe('_OTHER');
    expect(errorType(Object.create(null))).toBe('_OTHER');
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(errorType(hostile)).toBe('_OTHER');
  });
});
