import * as z from 'zod/mini';
import { globalConfig } from 'zod/v4/core';
import { issuesFromZod } from '../../src/config/zod-issues.js';
import { linesOf, untyped } from './helpers.js';

// The schemas use zod/mini, which has no messages of its own: an issue of a schema without its own
// `error` would read "Invalid input", or whatever the host app configured with `z.config(...)`
// (classic zod sets its English messages globally when the host imports it). Every schema that can
// fail carries its own error, so our messages depend on neither.

/** One bad value of every kind of field: scalars, maps, lists, unions, discriminated unions, refinements. */
const BAD_CONFIGS: Record<string, unknown>[] = [
  { enabled: 'yes', serviceName: '', serviceVersion: 7, samplingRate: 2, cardinalityLimit: 1.5, collectionInterval: 'soon', shutdownTimeout: '15' },
  { resourceAttributes: 'a=b' },
  { resourceAttributes: { '': 'x', a: null, b: ['x'] } },
  { components: { mcp: { enabled: 1, samplingRate: -1, histogramBuckets: [1, 1, 0], attributes: [''] }, cache: [], '': {} } },
  { components: { mcp: { histogramBuckets: [] } } },
  { exporters: 'otlp' },
  { exporters: [7, { port: 1 }, { type: 'zipkin' }, { type: 'promethus' }] },
  { exporters: [{ type: 'prometheus', host: '', port: 'x', path: 'metrics', maxConcurrentScrapes: 0, minScrapeInterval: -1, scrapeTimeout: 0, auth: { type: 'digest' }, tls: 'x', allowUnauthenticated: 1, withoutUnits: 'no', extra: 1 }] },
  { exporters: [{ type: 'prometheus', auth: 'token', tls: { cert: '' } }, { type: 'prometheus', auth: { type: 'bearer' } }] },
  { exporters: [{ type: 'otlp', endpoint: 'localhost:4318', protocol: 'grpc', headers: { 'bad name': 'x', ok: 'a\nb' }, timeout: 0, compression: 'br', temporality: 'deltaa' }] },
  { exporters: [{ type: 'otlp', endpoint: 'http://[::1', headers: [] }] },
  { exporters: [{ type: 'console', format: 'yaml' }, { type: 'statsd', host: '', port: 0, protocol: 'quic', prefix: 'a b', tags: 'x', maxPacketBytes: 1 }] },
  { exporters: [{ type: 'file', path: '', format: 'csv', rotation: { maxBytes: 0, maxFiles: 'x', interval: 0, size: 1 }, withoutUnits: 1 }, { type: 'file', rotation: 5 }] },
  { health: 'on' },
  { health: { enabled: 1, host: '', port: -1, cacheInterval: 'x', timeout: 0, exporters: { maxAge: 0 }, eventLoopDelay: 1, heap: { limit: 2 }, transport: { critical: 'yes' } } },
  { retention: { resolution: 1 } },
  { retention: 'forever' },
  { alerts: { rules: 'x', evaluationInterval: 1, notify: 'console', group: 'x', resendDelay: 0, externalUrl: 1 } },
  {
    alerts: {
      rules: [
        7,
        { name: '1bad', severity: '', expr: 'x', for: -1, keepFiringFor: 'x', labels: { '1': 2 }, annotations: [] },
        { name: 'A', severity: 'warning', expr: { metric: 'm' } },
        { name: 'B', severity: 'warning', expr: { type: 'rat', metric: 'm' } },
        { name: 'C', severity: 'warning', expr: { type: 'rate', metric: '', window: 0, threshold: 'x', op: '=>', by: [''], field: 'max', attributes: { a: 1, b: { op: '~', value: 1 }, c: { value: 'x', extra: 1 } } } },
        { name: 'D', severity: 'warning', expr: { type: 'ratio', numerator: 'x', denominator: { metric: 'm', field: 'p' }, window: '5m', threshold: 1 } },
        { name: 'E', severity: 'warning', expr: { type: 'quantile', metric: 'm', quantile: 2, window: '5m', threshold: 1 } },
        { name: 'F', severity: 'warning', expr: { type: 'value', metric: 'm', threshold: 1, aggregate: 'median', unit: 1, scope: '' } },
        { name: 'G', severity: 'warning', expr: { type: 'absent', metric: 'm', kind: 'summary', window: 0 } },
      ],
      notify: [
        'console',
        { type: 'pager' },
        { type: 'console', name: '' },
        { type: 'webhook', url: 'ftp://x', headers: { 'a b': 'x' }, timeout: 0, retries: 11, backoff: -1, secret: '', signatureHeader: 'a b' },
        { type: 'alertmanager', url: 'http://[::1' },
        { type: 'callback', callback: 'notify', timeout: 0 },
      ],
      group: { by: ['1a', 7], wait: -1, interval: 0, repeatInterval: 0, extra: 1 },
    },
  },
];

function allLines(): string[] {
  return BAD_CONFIGS.flatMap((config) => linesOf({ config: untyped(config) }));
}

describe('config messages without a zod locale', () => {
  afterEach(() => {
    globalConfig.customError = undefined;
    globalConfig.localeError = undefined;
  });

  it('runs with no zod locale loaded (the SDK does not import classic zod), so zod has no wording to fall back on', () => {
    expect(globalConfig.localeError).toBeUndefined();
    expect(globalConfig.customError).toBeUndefined();
  });

  it('every issue has our own message, never zod\'s "Invalid input"', () => {
    const lines = allLines();
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.filter((line) => /Invalid input|expected undefined/.test(line))).toEqual([]);
  });

  it("is unchanged by a host app's global zod configuration", () => {
    const own = allLines();
    globalConfig.customError = () => 'HOST CUSTOM MESSAGE';
    globalConfig.localeError = () => 'HOST LOCALE MESSAGE';
    expect(allLines()).toEqual(own);
  });

  it('the checks see a schema without its own message (they can fail)', () => {
    const bare = z.strictObject({ port: z.int() });
    const input = { port: 'x' };
    const message = () => issuesFromZod(bare.safeParse(input, { reportInput: true }).error!.issues, { kind: 'code' }, [], bare, input)[0]!.message;
    expect(message()).toMatch(/Invalid input/);
    globalConfig.customError = () => 'HOST CUSTOM MESSAGE';
    expect(message()).toMatch(/HOST CUSTOM MESSAGE/);
  });
});
