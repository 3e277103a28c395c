import { resourceFromAttributes } from '@opentelemetry/resources';
import { PrometheusTextSerializer } from '../../../src/exporters/prometheus/prometheus-text-serializer.js';
import { describeWithPeer } from '../../peers/describe-with-peer.js';
import { promtoolCheckMetrics } from '../../peers/promtool.js';
import { collectEveryKind, prometheusPipeline, recordSeries, resourceMetrics } from './metrics-fixtures.js';

describeWithPeer('prometheus', 'PrometheusTextSerializer output, checked by promtool check metrics (Prometheus 2.42)', () => {
  it.each([{}, { withoutTargetInfo: true, withoutScopeInfo: true }])('accepts every kind of instrument, escaped labels and HELP text (%o)', async (options) => {
    const { metrics, shutdown } = await collectEveryKind();
    await shutdown();
    const text = new PrometheusTextSerializer(options).serialize(metrics);
    expect(text).toContain('mcp_tool_calls_total{mcp_tool_name="all \\\\ \\"three\\"\\n"');
    await expect(promtoolCheckMetrics(text)).resolves.toEqual({ exitCode: 0, output: '' });
  });

  it('accepts 10k series written in chunks', async () => {
    const { provider, collect } = prometheusPipeline();
    recordSeries(provider, 10_000);
    const metrics = await collect();
    await provider.shutdown();
    const chunks = [...new PrometheusTextSerializer().chunks(metrics)];
    expect(chunks.length).toBeGreaterThan(40);
    await expect(promtoolCheckMetrics(chunks.join(''))).resolves.toEqual({ exitCode: 0, output: '' });
  });

  it('accepts the exposition of an idle process (target_info and "# no registered metrics")', async () => {
    const text = new PrometheusTextSerializer().serialize(resourceMetrics([], resourceFromAttributes({ 'service.name': 'idle' })));
    expect(text).toBe('# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info{service_name="idle"} 1\n# no registered metrics\n');
    await expect(promtoolCheckMetrics(text)).resolves.toEqual({ exitCode: 0, output: '' });
  });
});
