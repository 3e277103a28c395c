import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, startMetrics } from '@mcp-otel/sdk';
import type { MetricsHandle } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { startPrometheus } from '../peers/prometheus.js';
import type { PrometheusPeer } from '../peers/prometheus.js';
import { promtoolCheckConfig } from '../peers/promtool.js';

// Issue 10 item 5: bearer or basic auth and TLS on the telemetry endpoint, tried with the real curl
// and a real Prometheus whose scrape config carries `authorization` and `tls_config`.
const run = promisify(execFile);
const TOKEN = 'mcp-otel-test-token-4f1c';
const TIMEOUT = 60_000;

async function curl(url: string, ...args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run('curl', ['-s', '--cacert', certFile, '-w', '\\n%{http_code}', ...args, url]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

let dir = '';
let certFile = '';
let keyFile = '';
const handles: MetricsHandle[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mcp-otel-tls-'));
  certFile = path.join(dir, 'cert.pem');
  keyFile = path.join(dir, 'key.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile]);
});
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(config: Parameters<typeof startMetrics>[0], env: Record<string, string> = {}): Promise<MetricsHandle> {
  const handle = await startMetrics({ registerGlobal: false, strict: true, ...config }, { env });
  handles.push(handle);
  handle.counter('protected.calls').increment(2);
  return handle;
}

describe('the Prometheus endpoint with auth and TLS', () => {
  it('serves HTTPS and answers 401 without the bearer token, 200 with it (curl)', async () => {
    const handle = await start({ exporters: [{ type: 'prometheus', port: 0, auth: { type: 'bearer', token: TOKEN }, tls: { cert: certFile, key: keyFile } }] });
    const url = handle.endpoints.prometheus!;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const denied = await curl(url);
    expect(denied.status).toBe(401);
    expect(denied.body).not.toContain('protected_calls');
    expect((await curl(url, '-H', 'Authorization: Bearer wrong')).status).toBe(401);
    const allowed = await curl(url, '-H', `Authorization: Bearer ${TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatch(/^protected_calls_total\{.*\} 2$/m);
  });

  it('takes basic auth from the environment (curl -u)', async () => {
    const handle = await start({ exporters: [{ type: 'prometheus', port: 0 }] }, { MCP_OTEL_PROMETHEUS_USERNAME: 'prom', MCP_OTEL_PROMETHEUS_PASSWORD: 's3cret' });
    const url = handle.endpoints.prometheus!;
    expect((await curl(url, '-u', 'prom:nope')).status).toBe(401);
    expect((await curl(url, '-u', 'prom:s3cret')).status).toBe(200);
  });

  it('refuses a non-loopback host without auth in strict mode, naming the fix', async () => {
    const error: unknown = await startMetrics({ strict: true, exporters: [{ type: 'prometheus', host: '0.0.0.0', port: 0 }] }, { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('serves metrics beyond this machine without authentication');
    expect((error as ConfigError).message).toContain('allowUnauthenticated: true');
  });

  it('binds to loopback instead outside strict mode, with the problem listed', async () => {
    const handle = await startMetrics({ registerGlobal: false, exporters: [{ type: 'prometheus', host: '0.0.0.0', port: 0 }] }, { env: { OTEL_LOG_LEVEL: 'none' } });
    handles.push(handle);
    expect(handle.endpoints.prometheus).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(handle.problems.map((problem) => problem.where)).toEqual(['exporters[0].host']);
  });
});

describeWithPeer('prometheus', 'a real Prometheus scraping the protected endpoint', () => {
  let prometheus: PrometheusPeer | undefined;
  afterAll(() => prometheus?.stop());

  it('scrapes over HTTPS with authorization and tls_config, a config promtool accepts', async () => {
    const handle = await start({ serviceName: 'protected', exporters: [{ type: 'prometheus', port: 0, auth: { type: 'bearer', token: TOKEN }, tls: { cert: certFile, key: keyFile } }] });
    prometheus = await startPrometheus({
      targets: [handle.endpoints.prometheus!],
      scrapeExtras: { authorization: { type: 'Bearer', credentials: TOKEN }, tls_config: { ca_file: certFile } },
    });
    const check = await promtoolCheckConfig(prometheus.configFile);
    expect(check).toMatchObject({ exitCode: 0 });
    const [sample] = await prometheus.waitForSeries('protected_calls_total');
    expect(sample?.value).toBe(2);
    expect((await prometheus.targets())[0]).toMatchObject({ health: 'up', lastError: '' });
  }, TIMEOUT);
});
