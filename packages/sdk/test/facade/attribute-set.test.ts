import { sanitizeAttributes } from '../../src/facade/attribute-set';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { WarnOnce } from '../../src/facade/warn-once';
import { captureDiag, createTestProvider, pointsOf } from './support/metrics-test-kit';

describe('attribute sets', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('drops object, null, function and mixed-array values, warning once per metric and key, and keeps the rest', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    const bad = {
      tool: 'search',
      ok: true,
      retries: 2,
      tags: ['x', 'y'],
      user: { id: 1 },
      none: null,
      mixed: ['a', 1],
      nested: [['a']],
      fn: () => 1,
      skipped: undefined,
    } as unknown as Record<string, string>;
    facade.counter('calls', bad).increment();
    facade.counter('calls', { ...bad }).increment(2);
    facade.histogram('latency', { user: { id: 2 } } as unknown as Record<string, string>).record(1);

    const [point] = pointsOf(await collect(), 'calls');
    expect(point!.attributes).toEqual({ tool: 'search', ok: true, retries: 2, tags: ['x', 'y'] });
    expect(point!.value).toBe(3);
    const calls = logs.warnings.filter((w) => w.includes('"calls"'));
    expect(calls).toHaveLength(5);
    expect(calls.find((w) => w.includes('"user"'))).toMatch(/is an object; it was dropped\. Use a string, number, boolean/);
    expect(calls.find((w) => w.includes('"none"'))).toMatch(/is null/);
    expect(calls.find((w) => w.includes('"mixed"'))).toMatch(/mixed or non-primitive items/);
    expect(logs.warnings.filter((w) => w.includes('"latency"') && w.includes('"user"'))).toHaveLength(1);
  });

  it('returns frozen copies', () => {
    const input = { a: 'x', list: [1, 2] };
    const clean = sanitizeAttributes(input, 'm', new WarnOnce());
    expect(clean).not.toBe(input);
    expect(Object.isFrozen(clean)).toBe(true);
    expect(Object.isFrozen(clean.list)).toBe(true);
  });

  it('drops an empty key', () => {
    const clean = sanitizeAttributes({ '': 'x', b: 'y' }, 'm', new WarnOnce());
    expect(clean).toEqual({ b: 'y' });
    expect(logs.warnings.filter((w) => w.includes('empty key'))).toHaveLength(1);
  });
});

describe('WarnOnce', () => {
  it('stops warning past its capacity instead of growing', () => {
    const logs = captureDiag();
    try {
      const warnOnce = new WarnOnce(3);
      for (let i = 0; i < 10; i++) warnOnce.warn(`k${i}`, () => `warning ${i}`);
      warnOnce.warn('k0', () => 'again');
      expect(logs.warnings).toEqual(['warning 0', 'warning 1', 'warning 2']);
    } finally {
      logs.restore();
    }
  });
});
