import { emptyResource } from '@opentelemetry/resources';
import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { mergeScopeMetrics } from '../../src/export/merge-scope-metrics';

const metric = (name: string): MetricData => ({ descriptor: { name } }) as MetricData;

describe('mergeScopeMetrics', () => {
  it('merges entries of one scope (name, version, schema URL) into the first, keeping order', () => {
    const input: ResourceMetrics = {
      resource: emptyResource(),
      scopeMetrics: [
        { scope: { name: 'a', version: '1' }, metrics: [metric('a.counter')] },
        { scope: { name: 'b' }, metrics: [metric('b.counter')] },
        { scope: { name: 'a', version: '2' }, metrics: [metric('a2.histogram')] },
        { scope: { name: 'a', version: '1' }, metrics: [metric('a.histogram')] },
      ],
    };
    const snapshot = JSON.stringify(input);
    const merged = mergeScopeMetrics(input);
    expect(merged.scopeMetrics.map((s) => [s.scope, s.metrics.map((m) => m.descriptor.name)])).toEqual([
      [{ name: 'a', version: '1' }, ['a.counter', 'a.histogram']],
      [{ name: 'b' }, ['b.counter']],
      [{ name: 'a', version: '2' }, ['a2.histogram']],
    ]);
    expect(merged.resource).toBe(input.resource);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('returns its input when every scope appears once', () => {
    const input: ResourceMetrics = { resource: emptyResource(), scopeMetrics: [{ scope: { name: 'a' }, metrics: [metric('x')] }] };
    expect(mergeScopeMetrics(input)).toBe(input);
  });
});
