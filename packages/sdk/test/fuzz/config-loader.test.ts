import { writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { ConfigError, resolveConfig } from '@mcp-otel/sdk';
import type { ResolveConfigInput } from '@mcp-otel/sdk';
import { shownIssueValue } from '../../src/config/issue-value.js';
import { redactValue } from '../../src/redact/redact-value.js';
import { tempFiles } from '../config/helpers.js';

/** `MCP_OTEL_FUZZ_SCALE=20 npm test -- test/fuzz` explores 20 times as many cases (a local deep run). */
const FUZZ_SCALE = Number(process.env.MCP_OTEL_FUZZ_SCALE ?? 1);
jest.setTimeout(30_000 * FUZZ_SCALE);

// Issue 10, item 11: the config loader under random and mutated configs (objects, JSON and YAML
// files, env variables). Every input ends in a valid config or a ConfigError: never another
// exception, never a hang, and never a secret in anything it returns or throws. A secret is the
// marker wherever the one redaction rule says a secret is (under `headers`, under a secret-named
// key, URL userinfo, ...): if the rule, applied to the input itself, still shows the marker (a
// mutation moved it into a key or a plain field), it is no longer a secret and may appear.
const MARKER = 'fuzzsecret9q7';
const MAX_MS = 3000;

const BASE_CONFIGS: unknown[] = [
  {
    serviceName: 'weather',
    collectionInterval: '15s',
    resourceAttributes: { 'deployment.environment.name': 'prod', replicas: 3 },
    exporters: [
      { type: 'prometheus', port: 9464, host: '127.0.0.1' },
      {
        type: 'otlp',
        endpoint: `https://user:${MARKER}@otlp.example.com/v1/metrics?access_token=${MARKER}`,
        headers: { authorization: `Bearer ${MARKER}`, 'x-scope': MARKER },
        timeout: '5s',
        compression: 'gzip',
      },
      { type: 'statsd', host: 'localhost', port: 8125, prefix: 'app' },
      { type: 'file', path: 'metrics.jsonl', rotation: { maxBytes: 1000, maxFiles: 2 } },
    ],
    components: { mcp: { samplingRate: 0.5, histogramBuckets: [0.1, 1, 10], attributes: ['mcp.method.name'] } },
    samplingRate: 1,
    cardinalityLimit: 100,
  },
  { exporters: [{ type: 'otlp', headers: `authorization=Bearer ${MARKER},x-tenant=${MARKER}` }], apiKey: MARKER },
  { exporters: [{ type: 'console', format: 'json' }], enabled: false },
];

/** One change at a node of the config, chosen by index among every node. */
interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'unknownKey' | 'renameKey' | 'wrap' | 'stringify';
  value: unknown;
  key: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'unknownKey', 'renameKey', 'wrap', 'stringify'),
  value: fc.oneof(fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }), fc.constantFrom(0, -1, 70000, '', '0ms', 'grpc', NaN, 1e308, null)),
  key: fc.oneof(fc.string(), fc.constantFrom('type', 'port', 'headers', 'token', 'exporters', '__proto__', 'constructor', 'service_name')),
});

/** Every object or array in `root`, with its parent and key (so it can be changed in place). */
function nodes(root: unknown): { parent: Record<PropertyKey, unknown>; key: PropertyKey }[] {
  const found: { parent: Record<PropertyKey, unknown>; key: PropertyKey }[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      found.push({ parent: value as Record<PropertyKey, unknown>, key });
      walk((value as Record<string, unknown>)[key]);
    }
  };
  walk(root);
  return found;
}

function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  const root = { config: structuredClone(base) };
  for (const change of mutations) {
    const all = nodes(root);
    if (all.length === 0) break;
    const { parent, key } = all[change.at % all.length]!;
    const current = parent[key];
    if (change.kind === 'replace') parent[key] = change.value;
    else if (change.kind === 'delete') delete parent[key];
    else if (change.kind === 'wrap') parent[key] = [current];
    else if (change.kind === 'stringify') parent[key] = inspect(current, { depth: 3 });
    else if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
      const object = current as Record<string, unknown>;
      if (change.kind === 'unknownKey') Object.defineProperty(object, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
      else {
        const [first] = Object.keys(object);
        if (first !== undefined) {
          Object.defineProperty(object, change.key, { value: object[first], enumerable: true, configurable: true, writable: true });
          if (first !== change.key) delete object[first];
        }
      }
    }
  }
  return root.config;
}

/** Whether the one redaction rule hides every marker in `data` (else it is not a secret there). */
function markerIsSecret(data: unknown): boolean {
  return !inspect(redactValue(data), { depth: null, maxArrayLength: null, maxStringLength: null }).includes(MARKER);
}

/** Resolves, and checks the outcome: a config or a ConfigError, in time, with no secret shown. */
function check(input: ResolveConfigInput, secretsHidden: boolean): void {
  const start = performance.now();
  let shown: string;
  try {
    const resolved = resolveConfig({ env: {}, ...input });
    shown = `${JSON.stringify(resolved)}\n${inspect(resolved, { depth: null })}`;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    shown = `${error.message}\n${inspect(error.issues, { depth: null, maxArrayLength: null, maxStringLength: null })}`;
    expect(error.message.split('\n').length).toBeLessThanOrEqual(22);
  }
  expect(performance.now() - start).toBeLessThan(MAX_MS);
  if (secretsHidden && shown.includes(MARKER)) {
    const at = shown.indexOf(MARKER);
    throw new Error(`the secret is shown: …${shown.slice(Math.max(0, at - 200), at + 40)}…`);
  }
}

const text = (data: unknown, format: 'json' | 'yaml'): string => {
  if (format === 'json') return JSON.stringify(data, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value), 2) ?? 'null';
  try {
    return dump(data, { skipInvalid: true });
  } catch {
    return JSON.stringify(String(data));
  }
};

/** A change to the text of a file: insert, delete or replace characters (syntax ones are likely). */
const textEdit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  insert: fc.oneof(fc.constantFrom('', '{', '}', '[', ']', ':', ',', '"', "'", '\n', '  ', '- ', '#', '&a ', '*a', '!!str ', '\\', '\u0000', '\ufeff'), fc.string({ maxLength: 4 })),
});

function editText(source: string, edits: readonly { at: number; remove: number; insert: string }[]): string {
  let result = source;
  for (const edit of edits) {
    const at = edit.at % (result.length + 1);
    result = result.slice(0, at) + edit.insert + result.slice(at + edit.remove);
  }
  return result;
}

/** What the reference parser makes of a file: the data, or `undefined` when it is not valid. */
function parsedOrUndefined(source: string, format: 'json' | 'yaml'): { data: unknown } | undefined {
  try {
    return { data: format === 'json' ? JSON.parse(source.replace(/^\uFEFF/, '')) : load(source) };
  } catch {
    return undefined;
  }
}

describe('fuzzing the config loader (issue 10, item 11)', () => {
  it('random config objects: a config or a ConfigError, never a secret', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true, withMap: true, withSet: true, withDate: true }), (config) => {
        check({ config: config as never }, true);
      }),
      { numRuns: 300 * FUZZ_SCALE },
    );
  });

  it('mutated configs: a config or a ConfigError, never a secret', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASE_CONFIGS), fc.array(mutation, { minLength: 1, maxLength: 5 }), (base, mutations) => {
        const config = mutate(base, mutations);
        check({ config: config as never }, markerIsSecret(config));
      }),
      { numRuns: 500 * FUZZ_SCALE },
    );
  });

  describe('files', () => {
    let temp: ReturnType<typeof tempFiles>;
    beforeAll(() => {
      temp = tempFiles({});
    });
    afterAll(() => temp.cleanup());

    it.each(['json', 'yaml'] as const)('mutated %s files: a config or a ConfigError with the line, never a secret', (format) => {
      const file = temp.path(`fuzz.${format}`);
      fc.assert(
        fc.property(fc.constantFrom(...BASE_CONFIGS), fc.array(mutation, { maxLength: 3 }), fc.array(textEdit, { maxLength: 4 }), (base, mutations, edits) => {
          const source = editText(text(mutate(base, mutations), format), edits);
          writeFileSync(file, source);
          const parsed = parsedOrUndefined(source, format);
          // Text no parser accepts may still carry the marker anywhere: then nothing may show it.
          check({ configFile: file }, parsed === undefined ? true : markerIsSecret(parsed.data));
        }),
        { numRuns: 300 * FUZZ_SCALE },
      );
    });
  });

  it('random env variables: a config or a ConfigError, never a secret', () => {
    const names = [
      'OTEL_EXPORTER_OTLP_HEADERS',
      'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
      'OTEL_EXPORTER_OTLP_TIMEOUT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_RESOURCE_ATTRIBUTES',
      'OTEL_SERVICE_NAME',
      'OTEL_METRIC_EXPORT_INTERVAL',
      'OTEL_LOG_LEVEL',
      'OTEL_SDK_DISABLED',
      'OTEL_EXPORTER_PROMETHEUS_PORT',
      'MCP_OTEL_STATSD_PORT',
      'OTEL_EXPORTER_OTLP_CLIENT_KEY',
    ];
    const headerList = fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 4 }).map((items) => items.map(([name, junk]) => `${name}=${junk}${MARKER}`).join(','));
    const endpoint = fc.tuple(fc.constantFrom('http', 'https', 'ftp', ''), fc.string({ maxLength: 6 })).map(([scheme, junk]) => `${scheme}${scheme === '' ? '' : '://'}user:${MARKER}@collector${junk}/v1?token=${MARKER}`);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), fc.oneof(fc.string({ maxLength: 12 }), headerList, endpoint)),
        fc.constantFrom('otlp', 'otlp,prometheus', 'statsd', 'junk'),
        (env, exporters) => {
          const all = { ...env, OTEL_METRICS_EXPORTER: exporters };
          const secret = Object.entries(all).every(([name, value]) => !inspect(shownIssueValue(`env ${name}`, value)).includes(MARKER));
          check({ env: all }, secret);
        },
      ),
      { numRuns: 500 * FUZZ_SCALE },
    );
  });
});
