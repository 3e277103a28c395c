import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { metricsConfigJsonSchema } from '../../src/config/metrics-config-json-schema.js';
import { resolve, tempFiles } from './helpers.js';

/** What the schema is for: a config file. Resolves it as one. */
function resolveAsFile(config: unknown) {
  const temp = tempFiles({ 'mcp-otel.json': JSON.stringify(config) });
  try {
    return resolve({ configFile: temp.path('mcp-otel.json') });
  } finally {
    temp.cleanup();
  }
}

const SCHEMA_FILE = join(__dirname, '../../schema/mcp-otel.config.schema.json');

describe('metricsConfigJsonSchema', () => {
  it('is the content of schema/mcp-otel.config.schema.json (regenerate with UPDATE_CONFIG_SCHEMA=1)', () => {
    const text = `${JSON.stringify(metricsConfigJsonSchema, null, 2)}\n`;
    if (process.env.UPDATE_CONFIG_SCHEMA === '1') writeFileSync(SCHEMA_FILE, text);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(metricsConfigJsonSchema);
  });

  it('is the shipped file byte for byte: key order too, which editors show', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${JSON.stringify(metricsConfigJsonSchema, null, 2)}\n`);
  });

  it('is a draft 2020-12 schema that is deeply frozen', () => {
    expect(metricsConfigJsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.isFrozen(metricsConfigJsonSchema)).toBe(true);
    expect(Object.isFrozen(metricsConfigJsonSchema.properties)).toBe(true);
  });

  describe('with a real JSON Schema validator (ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }); // `type: ["string", "number"]` is standard JSON Schema
    const validate = ajv.compile(metricsConfigJsonSchema);

    // Each config here is valid for resolveConfig too: the schema does not reject what the SDK takes.
    const good: [string, unknown][] = [
      ['an empty config', {}],
      ['a $schema key', { $schema: './mcp-otel.config.schema.json' }],
      [
        'every field',
        {
          enabled: true,
          serviceName: 'weather-mcp',
          serviceVersion: '1.2.3',
          resourceAttributes: { team: 'a', replicas: 3, canary: false },
          collectionInterval: '15s',
          exporters: [
            {
              type: 'prometheus',
              host: '0.0.0.0',
              port: 0,
              path: '/metrics',
              maxConcurrentScrapes: 4,
              minScrapeInterval: '1s',
              scrapeTimeout: 5000,
              auth: { type: 'bearer', token: 't' },
              tls: { cert: 'cert.pem', key: 'key.pem' },
              allowUnauthenticated: false,
            },
            { type: 'otlp', endpoint: 'https://otlp.example.com/v1/metrics', protocol: 'http/json', headers: { 'api-key': 's' }, timeout: 5000, compression: 'gzip', temporality: 'delta' },
            { type: 'console', format: 'json' },
          ],
          samplingRate: 0.5,
          components: { mcp: { enabled: true, samplingRate: 1, histogramBuckets: [0.1, 1, 10], attributes: ['mcp.method.name'] } },
          cardinalityLimit: 100,
          registerGlobal: false,
          shutdownOnSignals: true,
          shutdownTimeout: '2s',
          strict: true,
        },
      ],
      ['a numeric interval', { collectionInterval: 1 }],
    ];

    // Each config here is also rejected by resolveConfig.
    const bad: [string, unknown, string][] = [
      ['an unknown key', { collectionIntervall: '15s' }, 'additionalProperties'],
      ['a nested unknown key', { exporters: [{ type: 'prometheus', prot: 1 }] }, 'oneOf'],
      ['an unknown exporter type', { exporters: [{ type: 'promethus' }] }, 'oneOf'],
      ['a port out of range', { exporters: [{ type: 'prometheus', port: 70000 }] }, 'oneOf'],
      ['a path without a slash', { exporters: [{ type: 'prometheus', path: 'metrics' }] }, 'oneOf'],
      ['a grpc protocol', { exporters: [{ type: 'otlp', protocol: 'grpc' }] }, 'oneOf'],
      ['a non-http endpoint', { exporters: [{ type: 'otlp', endpoint: 'localhost:4318' }] }, 'oneOf'],
      ['a bad header name', { exporters: [{ type: 'otlp', headers: { 'a b': 'x' } }] }, 'oneOf'],
      ['a duration without unit', { collectionInterval: '15' }, 'anyOf'],
      ['a zero interval', { collectionInterval: 0 }, 'anyOf'],
      ['a sampling rate above 1', { samplingRate: 1.5 }, 'maximum'],
      ['empty buckets', { components: { mcp: { histogramBuckets: [] } } }, 'minItems'],
      ['a fractional cardinality limit', { cardinalityLimit: 1.5 }, 'type'],
      ['an empty service name', { serviceName: '' }, 'minLength'],
      ['an object attribute value', { resourceAttributes: { a: { b: 1 } } }, 'type'],
    ];

    it.each(good)('accepts %s', (_name, config) => {
      expect(validate(config)).toBe(true);
      expect(() => resolveAsFile(config)).not.toThrow();
    });

    it.each(bad)('rejects %s', (_name, config, keyword) => {
      expect(validate(config)).toBe(false);
      expect(validate.errors?.map((error) => error.keyword)).toContain(keyword);
      expect(() => resolveAsFile(config)).toThrow();
    });
  });
});
