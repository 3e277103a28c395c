import type { LinkedTransport, McpSdk, TestClient, TestServer } from './sdk/mcp-sdk.js';
import { attrs } from './test-metrics.js';

/** Connects server and client of `sdk` over a linked InMemoryTransport pair: `[client side, server side]`. */
export async function connectInMemory(sdk: McpSdk, server: TestServer, client: TestClient): Promise<[LinkedTransport, LinkedTransport]> {
  const [clientTransport, serverTransport] = sdk.linkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return [clientTransport, serverTransport];
}

/** The expected form of one series, as `series()` renders it. */
export function s(attributes: Record<string, unknown>, count: number): string {
  return `${attrs(attributes).join(',')} => ${count}`;
}

/** The protocol version both SDK lines negotiate with `initialize` (their latest 2025-era revision). */
export const PROTOCOL = '2025-11-25';
/** The stateless protocol revision (no initialize, no session). */
export const STATELESS_PROTOCOL = '2026-07-28';
