import { describeWithPeer } from './describe-with-peer.js';
import { promtoolCheckMetrics } from './promtool.js';

describeWithPeer('prometheus', 'promtoolCheckMetrics', () => {
  it('exits 0 on clean exposition text', async () => {
    const text = '# HELP jobs_done_total Jobs done.\n# TYPE jobs_done_total counter\njobs_done_total{queue="a"} 3\n';
    await expect(promtoolCheckMetrics(text)).resolves.toEqual({ exitCode: 0, output: '' });
  });

  it('exits 3 with one line per lint finding', async () => {
    const text = '# TYPE jobs_done counter\njobs_done 3\n';
    const result = await promtoolCheckMetrics(text);
    expect(result.exitCode).toBe(3);
    expect(result.output).toContain('jobs_done counter metrics should have "_total" suffix');
    expect(result.output).toContain('jobs_done no help text');
  });

  it('exits 1 on a parse error', async () => {
    const result = await promtoolCheckMetrics('# HELP bad-name x\n');
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/parsing error/);
  });
});
