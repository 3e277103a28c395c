import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import type { McpInstrumentationOptions } from '@mcp-otel/instrumentation';
import { resolveOptions } from '../src/options.js';
import { createTestClient } from './helpers/connect-pair.js';
import { createTestServer } from './helpers/test-server.js';

describe('resolveOptions', () => {
  it('applies every default', () => {
    expect(resolveOptions(undefined)).toEqual({
      meterProvider: undefined,
      recordMessageSize: false,
      transport: {},
      recordResourceUri: false,
      maxResourceUris: 100,
      maxKnownNames: 1000,
    });
  });

  it('keeps 0 and false (no || defaults)', () => {
    expect(resolveOptions({ maxResourceUris: 0, maxKnownNames: 0, recordMessageSize: false })).toMatchObject({ maxResourceUris: 0, maxKnownNames: 0, recordMessageSize: false });
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
  ])('rejects %j naming the field, the value and the fix', (options, message) => {
    expect(() => resolveOptions(options as McpInstrumentationOptions)).toThrow(message);
  });
});

describe('argument checks', () => {
  it('rejects a value of the wrong kind with a message that says what to pass', () => {
    const { server } = createTestServer();
    const client = createTestClient();
    expect(() => instrumentMcpServer(client as never)).toThrow(/needs an McpServer or a Server.*instrumentMcpClient/);
    expect(() => instrumentMcpClient(server as never)).toThrow(/needs a Client.*instrumentMcpServer/);
    expect(() => instrumentTransport({} as never)).toThrow(/start, send and close/);
  });

  it('accepts the low-level Server behind an McpServer, and ignores a second instrumentation', () => {
    const { server } = createTestServer();
    expect(instrumentMcpServer(server)).toBe(server);
    expect(instrumentMcpServer(server.server)).toBe(server.server);
  });
});
