import type { LinkedTransport, McpSdk, Message, TestClient, TestServer } from './sdk/mcp-sdk.js';
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

/**
 * Connects `server` to a raw peer over a linked in-memory pair and runs the 2025 handshake by hand:
 * the peer can then send anything. Returns the peer and every message it received.
 */
export async function connectRawPeer(sdk: McpSdk, server: TestServer): Promise<{ peer: LinkedTransport; received: Message[] }> {
  const [peer, serverTransport] = sdk.linkedPair();
  const received: Message[] = [];
  peer.onmessage = (m) => received.push(m);
  await server.connect(serverTransport);
  await peer.start();
  await peer.send({ jsonrpc: '2.0', id: 'init', method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
  await peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { peer, received };
}
