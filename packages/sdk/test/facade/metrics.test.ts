import { getFacadeProvider, setFacadeProvider } from '../../src/facade/provider-registry';
import { metrics, timedMethod } from '../../src/facade/metrics';
import { SUMMARY_METER_NAME } from '../../src/plan/meter-names';
import { createTestProvider, findMetric, pointsOf } from './support/metrics-test-kit';

describe('metrics (module-level facade)', () => {
  afterEach(() => setFacadeProvider(undefined));

  it('drops records before a provider is set, then records through handles created earlier', async () => {
    const early = metrics.counter('global.early', { phase: 'boot' });
    const earlyHistogram = metrics.histogram('global.early.latency');
    const earlySummary = metrics.summary('global.early.size');
    early.increment(100); // no provider: dropped

    const { provider, collect } = createTestProvider();
    setFacadeProvider(provider);
    expect(getFacadeProvider()).toBe(provider);
    early.increment(2);
    earlyHistogram.record(0.5);
    earlySummary.record(3);
    metrics.counter('global.early', { phase: 'boot' }).increment();

    const collected = await collect();
    expect(pointsOf(collected, 'global.early')[0]!.value).toBe(3);
    expect(pointsOf(collected, 'global.early.latency')[0]!.value).toMatchObject({ count: 1, sum: 0.5 });
    expect(findMetric(collected, 'global.early.size', SUMMARY_METER_NAME)).toBeDefined();
  });

  it('moves to a new provider and back to no-op without re-creating handles', async () => {
    const handle = metrics.upDownCounter('global.switch');
    const first = createTestProvider();
    setFacadeProvider(first.provider);
    handle.add(1);
    const second = createTestProvider();
    setFacadeProvider(second.provider);
    handle.add(10);
    setFacadeProvider(undefined);
    handle.add(100);

    expect(pointsOf(await first.collect(), 'global.switch')[0]!.value).toBe(1);
    expect(pointsOf(await second.collect(), 'global.switch')[0]!.value).toBe(10);
  });

  it('times a method decorated before the SDK started', async () => {
    class Early {
      @timedMethod('global.decorated.duration')
      run(): string {
        return 'ran';
      }
    }
    const instance = new Early();
    expect(instance.run()).toBe('ran'); // before start: dropped
    const { provider, collect } = createTestProvider();
    setFacadeProvider(provider);
    expect(instance.run()).toBe('ran');
    expect(pointsOf(await collect(), 'global.decorated.duration')[0]!.value).toMatchObject({ count: 1 });
  });

  it('ignores setting the same provider twice', async () => {
    const handle = metrics.counter('global.same');
    const { provider, collect } = createTestProvider();
    setFacadeProvider(provider);
    handle.increment();
    setFacadeProvider(provider);
    handle.increment();
    expect(pointsOf(await collect(), 'global.same')[0]!.value).toBe(2);
  });
});
