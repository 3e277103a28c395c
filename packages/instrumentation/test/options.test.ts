import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import type { McpInstrumentationOptions } from '@mcp-otel/instrumentation';
import { resolveOptions } from '../src/options.js';
import { SDKS } from './helpers/sdk/sdks.js';

describe('resolveOptions', () => {
  it('applies every default', () => {
    expect(resolveOptions(undefined)).toEqual({
      meterProvider: undefined,
      recordMessageSize: false,
      transport: {},
      recordResourceUri: false,
      maxResourceUris: 100,
      maxKnownNames: 1000,
      inFlightTimeoutMs: 600_000,
      recordExecuteToolDuration: false,
    });
  });

  it('keeps 0 and false (no || defaults)', () => {
    expect(resolveOptions({ maxResourceUris: 0, maxKnownNames: 0, recordMessageSize: false, inFlightTimeoutMs: 0 })).toMatchObject({
      maxResourceUris: 0,
      maxKnownNames: 0,
      recordMessageSize: false,
      inFlightTimeoutMs: 0,
    });
  });

  it.each<[unknown, RegExp]>([
    [{ maxKnownNames: -1 }, /maxKnownNames = -1: pass an integer between 0 and 100000/],
    [{ maxResourceUris: 1.5 }, /maxResourceUris = 1.5/],
    [{ recordMessageSize: 'yes' }, /recordMessageSize = "yes": pass true or false/],
    [{ meterProvider: {} }, /meterProvider = \[object Object\]: pass an OpenTelemetry MeterProvider/],
    [{ transport: { type: 'Web Socket' } }, /transport.type = "Web Socket"/],
    [{ transport: { serverPort: 70000 } }, /transport.serverPort = 70000/],
    [{ transport: { color: 'red' } }, /transport.color = "red": remove it/],
    [{ recordResourceUris: true }, /recordResourceUris = true: remove it; known options/],
    [{ inFlightTimeoutMs: -5 }, /inFlightTimeoutMs = -5: pass an integer number of milliseconds between 0 \(never expire\) and 86400000/],
    [{ inFlightTimeoutMs: '10m' }, /inFlightTimeoutMs = "10m"/],
    [{ recordExecuteToolDuration: 1 }, /recordExecuteToolDuration = 1: pass true or false/],
  ])('rejects %j naming the field, the value and the fix', (options, message) => {
    expect(() => resolveOptions(options as McpInstrumentationOptions)).toThrow(message);
  });
});

describe.each(SDKS)('argument checks (%s)', (_name, sdk) => {
  it('rejects a value of the wrong kind with a message that says what to pass', () => {
    const server = sdk.createServer().raw;
    const client = sdk.createClient().raw;
    expect(() => instrumentMcpServer(client as never)).toThrow(/needs an McpServer or a Server.*instrumentMcpClient/);
    expect(() => instrumentMcpClient(server as never)).toThrow(/needs a Client.*instrumentMcpServer/);
    expect(() => instrumentTransport({} as never)).toThrow(/start, send and close/);
  });

  it('accepts the low-level Server behind an McpServer, and ignores a second instrumentation', () => {
    const server = sdk.createServer().raw as unknown as { server: never };
    expect(instrumentMcpServer(server as never)).toBe(server);
    expect(instrumentMcpServer(server.server)).toBe(server.server);
  });
});
