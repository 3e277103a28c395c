import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '../peers/free-port.js';
import { REPO_ROOT } from '../peers/peer-paths.js';
import { tempFiles } from '../config/helpers.js';

// Issue 10, item 3: one marker secret goes in through every input path that can carry a credential
// (the config object, a JSON file, a YAML file, every OTLP env variable, the CLI) and every output
// is searched for it: errors, stdout, stderr with diag at `all`, a printed handle and config, each
// HTTP route the SDK serves, and the OTLP payload. To cover a new output, add it to OUTPUTS (or a
// route to ROUTES); to cover a new input, add a row to INPUTS.
const SDK_DIST = path.join(REPO_ROOT, 'packages/sdk/dist/index.js');
const CLI_BIN = path.join(REPO_ROOT, 'packages/cli/dist/cli.js');
const MARKER = `mk${randomBytes(8).toString('hex')}`;
/** Routes fetched from each server the SDK runs (metrics, and health when it has its own port). */
const ROUTES = ['/metrics', '/health', '/livez', '/readyz'];
const TIMEOUT = 120_000;

/** How the OTLP peer answers: it may be up, rejecting (and echoing the credentials it got), or down. */
type PeerMode = 'accepting' | 'echoing-401' | 'down';

/** One way a secret reaches the SDK; `otlp` is the peer's base URL (`http://127.0.0.1:port`). */
interface Input {
  name: string;
  /** The `Authorization` the host scrapes its own endpoint with, when the input protects it. */
  scrapeAuthorization?: string;
  /** The OTLP peer modes worth running; inputs without an OTLP exporter need one. @default every mode */
  peers?: PeerMode[];
  /** A valid configuration carrying the marker. */
  valid: (otlp: string) => Source;
  /** An invalid one carrying it too (the error path). */
  invalid: (otlp: string) => Source;
}

/** What the host process gets: a config object, a config file (name + content), env variables. */
interface Source {
  config?: unknown;
  file?: { name: string; text: string };
  env?: Record<string, string>;
}

const secretExporter = (otlp: string, tag: string) => ({
  type: 'otlp',
  endpoint: `${otlp.replace('http://', `http://user:${MARKER}-${tag}-pw@`)}/v1/metrics?access_token=${MARKER}-${tag}-query`,
  headers: { authorization: `Bearer ${MARKER}-${tag}-auth`, 'x-scope': `${MARKER}-${tag}-scope` },
  timeout: '2s',
});
const PROMETHEUS = { type: 'prometheus', port: 0 };
/** The Prometheus endpoint's own credentials are secrets too (the host scrapes with them). */
const PROMETHEUS_BEARER = { type: 'prometheus', port: 0, auth: { type: 'bearer', token: `${MARKER}-prom-token` } };
const yamlOf = (value: unknown): string => JSON.stringify(value, null, 2); // JSON is YAML 1.2

const INPUTS: Input[] = [
  {
    name: 'config object',
    valid: (otlp) => ({ config: { exporters: [PROMETHEUS, secretExporter(otlp, 'code')] } }),
    invalid: (otlp) => ({
      config: { apiToken: MARKER, exporters: [PROMETHEUS, { ...secretExporter(otlp, 'code'), headers: `authorization=Bearer ${MARKER}`, endpoint: `ftp://u:${MARKER}@h` }] },
    }),
  },
  {
    name: 'config object with Prometheus bearer auth',
    scrapeAuthorization: `Bearer ${MARKER}-prom-token`,
    valid: (otlp) => ({ config: { exporters: [PROMETHEUS_BEARER, secretExporter(otlp, 'code')] } }),
    invalid: () => ({ config: { exporters: [{ ...PROMETHEUS_BEARER, auth: { type: 'basic', username: 'ops', password: MARKER, realm: MARKER } }] } }),
  },
  {
    name: 'JSON file',
    valid: (otlp) => ({ file: { name: 'mcp-otel.json', text: JSON.stringify({ exporters: [PROMETHEUS, secretExporter(otlp, 'json')] }) } }),
    invalid: () => ({ file: { name: 'mcp-otel.json', text: `{"exporters": [{"type": "otlp", "headers": {"authorization": "Bearer ${MARKER}"}}], "x": ${MARKER}}` } }),
  },
  {
    name: 'YAML file',
    valid: (otlp) => ({ file: { name: 'mcp-otel.yaml', text: yamlOf({ exporters: [PROMETHEUS, secretExporter(otlp, 'yaml')] }) } }),
    invalid: (otlp) => ({
      file: { name: 'mcp-otel.yaml', text: `exporters:\n  - type: otlp\n    headers: { authorization: ${MARKER}, x-n: 12 }\n    endpoint: ${otlp}/?token=${MARKER}\n    port: 1\n` },
    }),
  },
  {
    name: 'OTLP env variables (metrics-specific and generic headers, metrics endpoint)',
    valid: (otlp) => ({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp,prometheus',
        OTEL_EXPORTER_PROMETHEUS_PORT: '0',
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${MARKER}-env-auth,x-scope=${MARKER}-env-scope`,
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: `x-metrics=${MARKER}-env-metrics`,
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${otlp.replace('http://', `http://user:${MARKER}-env-pw@`)}/v1/metrics?token=${MARKER}-env-query`,
        OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
      },
    }),
    invalid: () => ({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${MARKER},junk-${MARKER}`,
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: `x-metrics=${MARKER}%0A`,
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `ftp://user:${MARKER}@h/?token=${MARKER}`,
      },
    }),
  },
  {
    name: 'Prometheus auth env variables',
    peers: ['down'],
    scrapeAuthorization: `Basic ${Buffer.from(`ops:${MARKER}-env-password`).toString('base64')}`,
    valid: () => ({ env: { OTEL_EXPORTER_PROMETHEUS_PORT: '0', MCP_OTEL_PROMETHEUS_USERNAME: 'ops', MCP_OTEL_PROMETHEUS_PASSWORD: `${MARKER}-env-password` } }),
    // A password without its user name is no auth: the non-loopback host is then the problem.
    invalid: () => ({ env: { MCP_OTEL_PROMETHEUS_PASSWORD: MARKER, OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0', OTEL_EXPORTER_PROMETHEUS_PORT: '0' } }),
  },
  {
    name: 'OTLP env variables (generic endpoint)',
    valid: (otlp) => ({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp,prometheus',
        OTEL_EXPORTER_PROMETHEUS_PORT: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.replace('http://', `http://user:${MARKER}-generic-pw@`),
        OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
      },
    }),
    invalid: () => ({ env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: `localhost:4318/?api_key=${MARKER}` } }),
  },
];

/** Everything one run produced that a user or operator can see. */
interface Run {
  stdout: string;
  stderr: string;
  /** Each route of ROUTES: status and body. */
  routes: Record<string, string>;
  /** Bodies the OTLP peer received (the telemetry itself must not carry the secret either). */
  otlpBodies: string[];
  started: boolean;
}

/** Every output searched for the marker; a new output is one more line. */
const OUTPUTS: [string, (run: Run) => string][] = [
  ['stdout (the MCP stdio wire)', (run) => run.stdout],
  ['stderr: diag at all, printed errors, printed handle and config', (run) => run.stderr],
  ['HTTP routes of the metrics and health servers', (run) => Object.entries(run.routes).map(([route, body]) => `${route}: ${body}`).join('\n')],
  ['OTLP payloads', (run) => run.otlpBodies.join('\n')],
];

// The host: starts the SDK as an app would, prints what an app might print (the error, the handle,
// its config), fetches every route, exports once and shuts down.
const HOST = `
const util = require('node:util');
const { startMetrics } = require(process.env.SDK_DIST);
const input = JSON.parse(process.env.SECRET_INPUT);
(async () => {
  let handle;
  try {
    handle = await startMetrics(input.config, input.configFile === undefined ? {} : { configFile: input.configFile });
  } catch (error) {
    console.error(error);
    process.stderr.write(String(error) + '\\n' + error.stack + '\\n' + util.inspect(error, { depth: 10 }) + '\\n' + JSON.stringify(error.issues) + '\\n');
    process.stderr.write('RESULT ' + JSON.stringify({ started: false, routes: {} }) + '\\n');
    return;
  }
  // Health checks whose messages and errors carry credentials (a connection string, a token).
  handle.health.register('database', async () => ({ status: 'unhealthy', message: 'cannot reach postgres://app:' + process.env.MARKER + '-health@db:5432/app' }));
  handle.health.register('upstream', async () => { throw new Error('401 from upstream for token=' + process.env.MARKER + '-health-token'); }, { critical: true });
  handle.counter('secret.test.calls', { tool: 'echo' }).increment();
  await handle.forceFlush();
  console.error(await handle.health.check());
  console.error(handle.problems);
  process.stderr.write('PROBLEMS ' + JSON.stringify(handle.problems) + '\\n');
  console.error(handle);
  console.error(handle.config);
  console.error('%o', handle.config.exporters);
  process.stderr.write(JSON.stringify(handle.config) + '\\n' + util.inspect(handle.config, { depth: 10, showHidden: false }) + '\\n');
  const routes = {};
  const headers = input.scrapeAuthorization === undefined ? {} : { authorization: input.scrapeAuthorization };
  for (const [server, base] of [['metrics', handle.endpoints.prometheus], ['health', handle.endpoints.health]]) {
    if (base === undefined) continue;
    for (const route of JSON.parse(process.env.ROUTES)) {
      const response = await fetch(new URL(route, base), { headers });
      routes[server + ' ' + route] = response.status + ' ' + (await response.text());
    }
  }
  await handle.shutdown();
  process.stderr.write('RESULT ' + JSON.stringify({ started: true, routes }) + '\\n');
})();
`;

function baseEnv(): Record<string, string> {
  // The machine's OTEL_* variables must not take part.
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => !entry[0].startsWith('OTEL_') && entry[1] !== undefined));
}

function runNode(args: string[], env: Record<string, string>, cwd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...baseEnv(), NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(killer);
      resolve({ stdout, stderr });
    });
  });
}

/** An OTLP/HTTP peer on 127.0.0.1 in the given mode; `down` is a port nothing listens on. */
async function startPeer(mode: PeerMode): Promise<{ base: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  if (mode === 'down') return { base: `http://127.0.0.1:${await freePort()}`, bodies, close: async () => {} };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('latin1'));
      if (mode === 'accepting') {
        response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/x-protobuf' }).end();
        return;
      }
      // A hostile or misconfigured peer: it answers with the credentials it was sent.
      const echoed = `${String(request.headers.authorization)} ${request.url ?? ''} ${String(request.headers['x-scope'])}`;
      response.writeHead(401, { 'www-authenticate': `Bearer realm="${echoed}"`, 'content-type': 'text/plain' }).end(`unauthorized: ${echoed}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function runHost(
  source: Source,
  configFile: string | undefined,
  peerBodies: string[],
  cwd: string,
  scrapeAuthorization?: string,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const { stdout, stderr } = await runNode(
    ['-e', HOST],
    {
      SDK_DIST,
      MARKER,
      OTEL_LOG_LEVEL: 'all',
      // Never the default port 9464: other tests run on this machine at the same time.
      OTEL_EXPORTER_PROMETHEUS_PORT: '0',
      ROUTES: JSON.stringify(ROUTES),
        SECRET_INPUT: JSON.stringify({ config: source.config, configFile, scrapeAuthorization }),
      ...extraEnv,
      ...source.env,
    },
    cwd,
  );
  const result = /^RESULT (.*)$/m.exec(stderr)?.[1];
  const parsed = result === undefined ? { started: false, routes: {} } : (JSON.parse(result) as { started: boolean; routes: Record<string, string> });
  return { stdout, stderr, routes: parsed.routes, otlpBodies: peerBodies, started: parsed.started };
}

/** Whether the host started; on a surprise, the end of its stderr says why. */
function expectStarted(run: Run, started: boolean): void {
  if (run.started !== started) throw new Error(`expected the host ${started ? 'to start' : 'not to start'}; its stderr ends: ${run.stderr.slice(-1500)}`);
}

function expectNoMarker(run: Run | { stdout: string; stderr: string }, where: string): void {
  const full: Run = { routes: {}, otlpBodies: [], started: false, ...run };
  for (const [output, read] of OUTPUTS) {
    const text = read(full);
    const at = text.indexOf(MARKER);
    if (at >= 0) throw new Error(`${where}: the secret marker is in ${output}: …${text.slice(Math.max(0, at - 120), at + 60)}…`);
  }
}

/** Whether the source configures an OTLP exporter (so the peer must have received something). */
function hasOtlp(source: Source): boolean {
  return JSON.stringify(source.config ?? source.file?.text ?? '').includes('otlp') || (source.env?.OTEL_METRICS_EXPORTER ?? '').includes('otlp');
}

/** A temp directory holding the source's file, if any; removed by `cleanup`. */
function prepare(source: Source): { dir: string; configFile: string | undefined; cleanup: () => void } {
  const temp = tempFiles(source.file === undefined ? {} : { [source.file.name]: source.file.text });
  return { dir: temp.dir, configFile: source.file === undefined ? undefined : temp.path(source.file.name), cleanup: temp.cleanup };
}

describe('a marker secret through every input path never reaches any output (issue 10, item 3)', () => {
  beforeAll(() => {
    for (const file of [SDK_DIST, CLI_BIN]) if (!existsSync(file)) throw new Error(`${file} is missing: build first (npx tsc -b; npm test does it)`);
  });

  // Concurrent: each case is a child process that mostly waits on its peer.
  const modes: PeerMode[] = ['accepting', 'echoing-401', 'down'];
  const running = INPUTS.flatMap((input) => (input.peers ?? modes).map((mode) => [input.name, mode, input] as const));
  it.concurrent.each(running)(
    '%s, OTLP peer %s: a running SDK, printed and scraped',
    async (_name, mode, input) => {
      const peer = await startPeer(mode);
      const source = input.valid(peer.base);
      const files = prepare(source);
      try {
        const run = await runHost(source, files.configFile, peer.bodies, files.dir, input.scrapeAuthorization);
        expectStarted(run, true);
        expect(run.stderr).toContain('PROBLEMS []');
        // The run must have exercised the outputs it is checked on.
        expect(run.stderr).toMatch(/\[mcp-otel\] (debug|verbose|info)/);
        expect(run.stderr).toContain('[REDACTED]');
        if (mode !== 'down' && hasOtlp(source)) expect(peer.bodies.length).toBeGreaterThan(0);
        expect(run.routes['metrics /metrics']).toMatch(/^200 /);
        expect(run.routes['health /health'] ?? run.routes['metrics /health']).toMatch(/^503 .*database/s);
        expectNoMarker(run, `${input.name}, peer ${mode}`);
      } finally {
        files.cleanup();
        await peer.close();
      }
    },
    TIMEOUT,
  );

  // Outside strict mode the SDK starts and reports each problem (stderr, handle.problems); in
  // strict mode startMetrics rejects with the ConfigError. Both are outputs.
  const invalidCases = INPUTS.flatMap((input) => (['lenient', 'strict'] as const).map((mode) => [input.name, mode, input] as const));
  it.concurrent.each(invalidCases)(
    '%s: an invalid config (%s), its problems printed every way',
    async (_name, mode, input) => {
      const source = input.invalid('http://127.0.0.1:9');
      const files = prepare(source);
      try {
        const run = await runHost(source, files.configFile, [], files.dir, input.scrapeAuthorization, mode === 'strict' ? { MCP_OTEL_STRICT: 'true' } : {});
        if (mode === 'strict') {
          expectStarted(run, false);
          expect(run.stderr).toContain('ConfigError');
        } else {
          expectStarted(run, true);
          expect(run.stderr).toMatch(/PROBLEMS \[\{/);
        }
        expectNoMarker(run, `${input.name}, invalid, ${mode}`);
      } finally {
        files.cleanup();
      }
    },
    TIMEOUT,
  );

  // The CLI reads files and env variables only.
  const cliCases = INPUTS.flatMap((input) =>
    (['valid', 'invalid'] as const).map((kind) => [input.name, kind, input[kind]('http://127.0.0.1:9')] as const),
  ).filter(([, , source]) => source.file !== undefined || source.env !== undefined);
  it.concurrent.each(cliCases)(
    '%s: mcp-otel check-config on the %s config',
    async (name, kind, source) => {
      const files = prepare(source);
      try {
        const args = [CLI_BIN, 'check-config', ...(files.configFile === undefined ? [] : [files.configFile])];
        const output = await runNode(args, { OTEL_LOG_LEVEL: 'all', ...source.env }, files.dir);
        expect(output.stdout + output.stderr).toMatch(kind === 'valid' ? /config OK/ : /problem/);
        expectNoMarker(output, `${name}, check-config, ${kind}`);
      } finally {
        files.cleanup();
      }
    },
    TIMEOUT,
  );
});
