import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXPORTER_TYPE_LIST, linesOf, resolve, tempFiles } from './helpers.js';

const YAML_CONFIG = `# mcp-otel.yaml
serviceName: weather-mcp
collectionInterval: 15s
resourceAttributes:
  deployment.environment.name: prod
  replicas: 3
exporters:
  - type: otlp
    endpoint: https://otlp.example.com/v1/metrics
    headers:
      api-key: secret
    timeout: 5s
    compression: gzip
  - type: prometheus
    port: 0
components:
  mcp:
    histogramBuckets: [0.01, 0.1, 1]
    attributes: [mcp.method.name]
`;

describe('resolveConfig config files', () => {
  let temp: ReturnType<typeof tempFiles>;
  afterEach(() => temp.cleanup());

  it('reads a YAML file', () => {
    temp = tempFiles({ 'mcp-otel.yaml': YAML_CONFIG });
    const resolved = resolve({ configFile: temp.path('mcp-otel.yaml') });
    expect(resolved).toMatchObject({
      serviceName: 'weather-mcp',
      collectionIntervalMs: 15_000,
      resourceAttributes: { 'deployment.environment.name': 'prod', replicas: 3 },
      components: { mcp: { histogramBuckets: [0.01, 0.1, 1], attributes: ['mcp.method.name'], samplingRate: 1, enabled: true } },
    });
    expect(resolved.exporters).toEqual([
      {
        type: 'otlp',
        endpoint: 'https://otlp.example.com/v1/metrics',
        protocol: 'http/protobuf',
        headers: { 'api-key': 'secret' },
        timeoutMs: 5000,
        compression: 'gzip',
        temporality: 'cumulative',
      },
      { type: 'prometheus', host: '127.0.0.1', port: 0, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false },
    ]);
  });

  it('reads .yml and .json files, and ignores a $schema key in them', () => {
    temp = tempFiles({
      'a.yml': 'serviceName: from-yml\n',
      'b.json': JSON.stringify({ $schema: './mcp-otel.config.schema.json', serviceName: 'from-json', exporters: [{ type: 'console' }] }),
    });
    expect(resolve({ configFile: temp.path('a.yml') }).serviceName).toBe('from-yml');
    expect(resolve({ configFile: temp.path('b.json') })).toMatchObject({ serviceName: 'from-json', exporters: [{ type: 'console', format: 'table' }] });
  });

  it('accepts $schema only in files', () => {
    temp = tempFiles({});
    expect(linesOf({ config: { $schema: 'x' } as never })).toEqual(['$schema: unknown key; expected one of the keys enabled, serviceName, serviceVersion, resourceAttributes, collectionInterval, exporters, samplingRate, components, cardinalityLimit, registerGlobal, shutdownOnSignals, shutdownTimeout, strict, runtime, health, retention, alerts']);
  });

  it('takes the path from MCP_OTEL_CONFIG when configFile is not given, configFile winning', () => {
    temp = tempFiles({ 'env.yaml': 'serviceName: from-env-path\n', 'arg.yaml': 'serviceName: from-argument\n' });
    expect(resolve({ env: { MCP_OTEL_CONFIG: temp.path('env.yaml') } }).serviceName).toBe('from-env-path');
    expect(resolve({ env: { MCP_OTEL_CONFIG: temp.path('env.yaml') }, configFile: temp.path('arg.yaml') }).serviceName).toBe('from-argument');
  });

  it('resolves a relative path against the current directory', () => {
    temp = tempFiles({ 'rel.json': '{"serviceName":"relative"}' });
    expect(resolve({ configFile: relative(process.cwd(), temp.path('rel.json')) }).serviceName).toBe('relative');
  });

  it('treats an empty YAML file as an empty config', () => {
    temp = tempFiles({ 'empty.yaml': '# nothing yet\n' });
    expect(resolve({ configFile: temp.path('empty.yaml') }).serviceName).toBe('unknown_service:node');
  });

  it('prefixes validation issues with the absolute file path', () => {
    temp = tempFiles({ 'bad.yaml': 'collectionIntervall: 15s\nsamplingRate: 2\nexporters:\n  - type: promethus\n' });
    const file = temp.path('bad.yaml');
    expect(linesOf({ configFile: file })).toEqual([
      `file ${file}: collectionIntervall: unknown key; did you mean "collectionInterval"?`,
      `file ${file}: samplingRate: got 2, expected a number 0..1`,
      `file ${file}: exporters[0].type: got "promethus", expected ${EXPORTER_TYPE_LIST}; did you mean "prometheus"?`,
    ]);
  });

  it('keeps YAML 1.2 semantics: yes is a string, not a boolean', () => {
    temp = tempFiles({ 'yes.yaml': 'enabled: yes\n' });
    expect(linesOf({ configFile: temp.path('yes.yaml') })).toEqual([`file ${temp.path('yes.yaml')}: enabled: got "yes", expected true or false`]);
  });

  it('rejects a file that is not a mapping', () => {
    temp = tempFiles({ 'list.yaml': '- type: prometheus\n' });
    expect(linesOf({ configFile: temp.path('list.yaml') })).toEqual([`file ${temp.path('list.yaml')}: got [{"type":"prometheus"}], expected an object (a MetricsConfig)`]);
  });

  it('names the line and column of a YAML syntax error, every one of them', () => {
    temp = tempFiles({ 'broken.yaml': 'serviceName: a\nexporters: [\n  { type: otlp\nsamplingRate: 1\n', 'dup.yaml': 'serviceName: a\nserviceName: b\n' });
    const lines = linesOf({ configFile: temp.path('broken.yaml') });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(new RegExp(`^file ${escape(temp.path('broken.yaml'))}:\\d+:\\d+: invalid YAML: `));
    expect(linesOf({ configFile: temp.path('dup.yaml') })).toEqual([`file ${temp.path('dup.yaml')}:2:1: invalid YAML: duplicated mapping key`]);
  });

  it('names the line and column of a JSON syntax error', () => {
    temp = tempFiles({ 'broken.json': '{\n  "serviceName": "a",\n  "samplingRate" 1\n}\n' });
    // The reason is V8's wording, which changes between Node versions; the location is ours.
    const lines = linesOf({ configFile: temp.path('broken.json') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^file ${escape(temp.path('broken.json'))}:3:18: invalid JSON: [^\\n]*[a-z]$`));
    expect(lines[0]).not.toContain('position');
  });

  it('points at the end of a truncated JSON file', () => {
    temp = tempFiles({ 'cut.json': '{\n  "serviceName": ', 'empty.json': '' });
    expect(linesOf({ configFile: temp.path('cut.json') })[0]).toMatch(new RegExp(`^file ${escape(temp.path('cut.json'))}:2:18: invalid JSON: `));
    expect(linesOf({ configFile: temp.path('empty.json') })[0]).toMatch(new RegExp(`^file ${escape(temp.path('empty.json'))}:1:1: invalid JSON: `));
  });

  it('reports a missing file with its absolute path and where the path came from', () => {
    temp = tempFiles({});
    const missing = temp.path('missing.yaml');
    const [fromArgument] = linesOf({ configFile: missing });
    expect(fromArgument).toBe(`file ${missing}: cannot read the file: ENOENT: no such file or directory, open '${missing}'`);
    const [fromEnv] = linesOf({ env: { MCP_OTEL_CONFIG: missing } });
    expect(fromEnv).toBe(`file ${missing}: cannot read the file: ENOENT: no such file or directory, open '${missing}' (the path comes from env MCP_OTEL_CONFIG)`);
  });

  it('reports an unreadable file', () => {
    temp = tempFiles({});
    mkdirSync(join(temp.dir, 'dir.yaml'));
    expect(linesOf({ configFile: temp.path('dir.yaml') })).toEqual([`file ${temp.path('dir.yaml')}: cannot read the file: EISDIR: illegal operation on a directory, read`]);
  });

  it('rejects an unsupported extension', () => {
    temp = tempFiles({ 'mcp-otel.toml': 'serviceName = "x"\n' });
    expect(linesOf({ configFile: temp.path('mcp-otel.toml') })).toEqual([`file ${temp.path('mcp-otel.toml')}: unsupported file type; expected a file ending in .json, .yaml or .yml`]);
  });

  it('reports problems of the object, env and file together, in that order', () => {
    temp = tempFiles({ 'c.yaml': 'cardinalityLimit: 0\n' });
    expect(linesOf({ configFile: temp.path('c.yaml'), config: { samplingRate: 3 }, env: { OTEL_SDK_DISABLED: 'nope' } })).toEqual([
      'samplingRate: got 3, expected a number 0..1',
      'env OTEL_SDK_DISABLED: got "nope", expected "true" or "false"',
      `file ${temp.path('c.yaml')}: cardinalityLimit: got 0, expected an integer >= 1`,
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
