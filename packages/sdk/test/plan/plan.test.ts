import { createPlan, type MeterPlan } from '../../src/plan/plan';
import { SUMMARY_METER_NAME } from '../../src/plan/meter-names';
import { component } from '../support/pipeline';

const config = (components = {}, samplingRate = 1) => ({ components, cardinalityLimit: 2000, samplingRate });
const rateOf = (plan: MeterPlan): number | undefined => (plan.kind === 'drop' ? undefined : plan.samplingRate);

describe('createPlan', () => {
  it('gives a component a meter whose name equals its key or ends with /key; the longest key wins', () => {
    const plan = createPlan(config({ mcp: component({ attributes: ['a'] }), 'instrumentation/mcp': component({ histogramBuckets: [1] }) }));
    expect(plan.meter('@mcp-otel/instrumentation/mcp')).toEqual({ kind: 'ours', buckets: [1], allowList: undefined, samplingRate: 1 });
    expect(plan.meter('vendor/mcp')).toEqual({ kind: 'ours', buckets: undefined, allowList: new Set(['a']), samplingRate: 1 });
    expect(plan.meter('mcp')).toEqual(plan.meter('vendor/mcp'));
    expect(plan.meter('notmcp')).toEqual({ kind: 'ours', buckets: undefined, allowList: undefined, samplingRate: 1 });
  });

  it('drops a disabled component, leaves summaries and (ownAggregation: false) everything to OTel, with the reason', () => {
    const components = { transport: component({ enabled: false }) };
    expect(createPlan(config(components)).meter('@mcp-otel/instrumentation/transport')).toEqual({ kind: 'drop', reason: expect.stringContaining('disabled') });
    expect(createPlan(config(components)).meter(SUMMARY_METER_NAME)).toMatchObject({ kind: 'otel', reason: expect.stringContaining('exponential') });
    const plain = createPlan(config(components), { ownAggregation: false });
    expect(plain.meter('app')).toMatchObject({ kind: 'otel', reason: expect.stringContaining('ownAggregation: false') });
    expect(plain.meter('@mcp-otel/instrumentation/transport').kind).toBe('drop');
  });

  it('takes the sampling rate of the component, else the global one', () => {
    const plan = createPlan(config({ mcp: component({ samplingRate: 0.1 }), 'instrumentation/mcp': component({ samplingRate: 0.2 }), app: component({ samplingRate: 1 }) }, 0.5));
    expect(rateOf(plan.meter('@mcp-otel/instrumentation/mcp'))).toBe(0.2);
    expect(rateOf(plan.meter('@other/mcp'))).toBe(0.1);
    expect(rateOf(plan.meter('mcp'))).toBe(0.1);
    expect(rateOf(plan.meter('@mcp-otel/sdk/app'))).toBe(1);
    expect(rateOf(plan.meter('@other/notmcp'))).toBe(0.5);
    expect(rateOf(plan.meter('mcp-otel'))).toBe(0.5);
    expect(rateOf(plan.meter(''))).toBe(0.5);
  });

  it('treats an invalid rate as 1 and clamps out-of-range rates', () => {
    expect(rateOf(createPlan(config({ transport: component({ samplingRate: Number.NaN }) }, 0.5)).meter('@x/transport'))).toBe(1);
    expect(rateOf(createPlan(config({}, 3)).meter('a'))).toBe(1);
    expect(rateOf(createPlan(config({}, -1)).meter('a'))).toBe(0);
  });

  it('decides once per meter name', () => {
    const plan = createPlan(config({ mcp: component({ attributes: ['a'] }) }));
    expect(plan.meter('@mcp-otel/instrumentation/mcp')).toBe(plan.meter('@mcp-otel/instrumentation/mcp'));
  });
});
