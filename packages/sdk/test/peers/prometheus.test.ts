import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithPeer } from './describe-with-peer.js';
import type { PrometheusPeer } from './prometheus.js';
import { startPrometheus } from './prometheus.js';

// A fixed exposition, so this test checks the helper, not our SDK.
const EXPOSITION = [
  '# HELP peer_check_requests_total Requests seen by the peer check.',
  '# TYPE peer_check_requests_total counter',
  'peer_check_requests_total{route="/a"} 7',
  'peer_check_requests_total{route="/b"} 2',
  '',
].join('\n');

describeWithPeer('prometheus', 'startPrometheus', () => {
  let target: http.Server;
  let prom: PrometheusPeer | undefined;

  beforeAll(async () => {
    target = http.createServer((req, res) => {
      if (req.url === '/custom/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(EXPOSITION);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await prom?.stop();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  it('scrapes a target given as a URL and answers instant queries with its samples', async () => {
    const { port } = target.address() as AddressInfo;
    prom = await startPrometheus({ targets: [`http://127.0.0.1:${port}/custom/metrics`] });
    expect(prom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const samples = await prom.waitForSeries('peer_check_requests_total');
    const byRoute = Object.fromEntries(samples.map((s) => [s.metric.route, s.value]));
    expect(byRoute).toEqual({ '/a': 7, '/b': 2 });
    expect(samples[0]!.metric).toMatchObject({ job: 'target0', instance: `127.0.0.1:${port}` });
    const [health] = await prom.targets();
    expect(health).toMatchObject({ scrapeUrl: `http://127.0.0.1:${port}/custom/metrics`, health: 'up', lastError: '' });
  }, 60_000);

  it('stops by PID and frees its port', async () => {
    await prom!.stop();
    await prom!.stop(); // idempotent
    await expect(prom!.query('up')).rejects.toThrow(/ECONNREFUSED/);
  });
});
