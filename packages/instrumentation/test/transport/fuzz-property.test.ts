import { diag, DiagLogLevel } from '@opentelemetry/api';
import fc from 'fast-check';
import { instrumentMcpServer, MCP_METHODS } from '@mcp-otel/instrumentation';
import { connectRawPeer, PROTOCOL, STATELESS_PROTOCOL } from '../helpers/connect-pair.js';
import type { McpSdk } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { TestMetrics, total, waitFor } from '../helpers/test-metrics.js';

/**
 * Property: for any sequence of JSON-RPC-ish messages a peer sends over a real SDK transport (the
 * SDK's linked in-memory pair), an instrumented server answers exactly as an uninstrumented one,
 * the instrumentation never fails, and once the connection closes nothing is left in flight or open.
 * Issue 10, item 11 (the MCP part). fast-check shrinks a failure to a minimal message sequence.
 */

// Tools the exchange can call without holding it open (the test server's `block` never returns).
const TOOL_NAMES = ['echo', 'fail', 'soft_fail', 'nope', '__proto__', 'constructor'];
const METHODS = [...MCP_METHODS, 'custom/thing', 'tools/call', 'tools/call'];

const id = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.constantFrom(null, 2 ** 53, 1e308, -0, true),
  fc.constant(undefined),
);
const meta = fc.oneof(
  fc.constant(undefined),
  fc.record({ 'io.modelcontextprotocol/protocolVersion': fc.constantFrom(PROTOCOL, STATELESS_PROTOCOL, 'x', '2999-01-01') }),
  fc.record({ progressToken: fc.oneof(fc.integer(), fc.string(), fc.double()) }),
  fc.jsonValue(),
);
const params = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.record({ name: fc.oneof(fc.constantFrom(...TOOL_NAMES), fc.string()), arguments: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })), _meta: meta }, { requiredKeys: ['name'] }),
  fc.record({ uri: fc.oneof(fc.constant('mem://greeting'), fc.webUrl(), fc.string()), cursor: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
  fc.record({ requestId: id, reason: fc.string() }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 3 }),
);
const request = fc.record(
  { jsonrpc: fc.constantFrom('2.0', '2.0', '2.0', '1.0'), id, method: fc.oneof(fc.constantFrom(...METHODS), fc.string()), params },
  { requiredKeys: ['jsonrpc', 'method'] },
);
const response = fc.record(
  { jsonrpc: fc.constant('2.0'), id, result: fc.jsonValue({ maxDepth: 2 }), error: fc.record({ code: fc.oneof(fc.integer(), fc.string()), message: fc.string() }) },
  { requiredKeys: ['jsonrpc'] },
);
const message: fc.Arbitrary<unknown> = fc.oneof({ weight: 6, arbitrary: request }, { weight: 2, arbitrary: response }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

type Transcript = { answers: string[]; errors: string[] };

/**
 * Runs one exchange: initialize, the messages (each followed by a ping whose answer sequences them),
 * close. Returns what the peer received and what the server reported through onerror.
 */
async function exchange(sdk: McpSdk, messages: unknown[], metrics: TestMetrics | undefined): Promise<Transcript> {
  const server = sdk.createServer();
  if (metrics !== undefined) instrumentMcpServer(server.raw, { meterProvider: metrics.provider, recordResourceUri: true, recordExecuteToolDuration: true });
  const errors: string[] = [];
  server.onerror((e) => errors.push(e.message));
  const { peer, received } = await connectRawPeer(sdk, server);
  for (const [n, m] of messages.entries()) {
    await peer.send(m).catch(() => undefined);
    const sentinel = `sentinel-${n}`;
    await peer.send({ jsonrpc: '2.0', id: sentinel, method: 'ping' });
    await waitFor(() => received.some((r) => r['id'] === sentinel), 5000, `the answer to ${sentinel}`);
  }
  await peer.close();
  await server.close();
  return { answers: received.map((r) => JSON.stringify(r)).sort(), errors: [...errors].sort() };
}

describe.each(SDKS)('fuzzing the MCP instrumentation with fast-check (%s)', (_name, sdk) => {
  it('answers any message sequence exactly as without instrumentation, never fails, and leaves the gauges at zero after close', async () => {
    const failures: unknown[] = [];
    diag.setLogger({ error: (...a) => failures.push(a), warn: (...a) => failures.push(a), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), async (messages) => {
          const metrics = new TestMetrics();
          try {
            const bare = await exchange(sdk, messages, undefined);
            const instrumented = await exchange(sdk, messages, metrics);
            expect(instrumented).toEqual(bare);
            const all = await metrics.collect();
            expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
            expect(total(all.get('mcp_otel.transport.active_connections'))).toBe(0);
            expect(failures).toEqual([]);
          } finally {
            await metrics.shutdown();
          }
        }),
        { numRuns: 100, seed: 20261204 },
      );
    } finally {
      diag.disable();
    }
  }, 120_000);
});
