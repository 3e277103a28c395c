import type { TransportAttributes } from '../options.js';

/** What is known about a transport: fixed at instrumentation time, from its shape and the overrides. */
export type TransportProfile = {
  readonly type: string;
  readonly networkTransport: string | undefined;
  readonly protocolName: string | undefined;
  /** Only from the override; a server transport learns the HTTP version from the requests it handles. */
  readonly protocolVersion: string | undefined;
  readonly serverAddress: string | undefined;
  readonly serverPort: number | undefined;
};

type Detected = Omit<TransportProfile, 'protocolVersion'>;

const NONE: Detected = { type: 'custom', networkTransport: undefined, protocolName: undefined, serverAddress: undefined, serverPort: undefined };

/**
 * Detects the transport from its public methods and the constructor state the SDK transports keep,
 * in `@modelcontextprotocol/sdk` 1.x and in `@modelcontextprotocol/server` / `client` /
 * `node` 2.x alike (never from the class name, which bundlers rename). The overrides win over
 * detection.
 */
export function detectTransport(transport: object, override: Readonly<TransportAttributes>): TransportProfile {
  const detected = detect(transport);
  return {
    type: override.type ?? detected.type,
    networkTransport: override.networkTransport ?? detected.networkTransport,
    protocolName: override.protocolName ?? detected.protocolName,
    protocolVersion: override.protocolVersion,
    serverAddress: override.serverAddress ?? detected.serverAddress,
    serverPort: override.serverPort ?? (override.serverAddress === undefined ? detected.serverPort : undefined),
  };
}

function detect(transport: object, depth = 0): Detected {
  const t = transport as Record<string, unknown>;
  if (typeof t['handlePostMessage'] === 'function') return http('sse');
  if (typeof t['handleRequest'] === 'function') return http('streamable_http');
  // 2.x PerRequestHTTPServerTransport: one HTTP exchange of the 2026-07-28 entry (createMcpHandler).
  if (typeof t['handleMessage'] === 'function' && '_classification' in transport) return http('streamable_http');
  // 2.x serveStdio connects each server instance to a channel over the real wire transport.
  const wire = t['_wire'];
  if (depth === 0 && typeof wire === 'object' && wire !== null && typeof t['deliver'] === 'function') return detect(wire, 1);
  if (typeof t['terminateSession'] === 'function') return { ...http('streamable_http'), ...addressOf(t['_url']) };
  if ('pid' in transport && 'stderr' in transport) return stdio();
  if (isStream(t['_stdin']) && isStream(t['_stdout'])) return stdio();
  const url = t['_url'];
  if (url instanceof URL) {
    if (url.protocol === 'ws:' || url.protocol === 'wss:') {
      return { type: 'websocket', networkTransport: 'tcp', protocolName: 'websocket', ...addressOf(url) };
    }
    return { ...http('sse'), ...addressOf(url) };
  }
  if ('_otherTransport' in transport && Array.isArray(t['_messageQueue'])) return { ...NONE, type: 'in_memory' };
  return NONE;
}

function http(type: string): Detected {
  return { type, networkTransport: 'tcp', protocolName: 'http', serverAddress: undefined, serverPort: undefined };
}

function stdio(): Detected {
  return { ...NONE, type: 'stdio', networkTransport: 'pipe' };
}

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'function';
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

function addressOf(url: unknown): Pick<Detected, 'serverAddress' | 'serverPort'> {
  if (!(url instanceof URL) || url.hostname === '') return { serverAddress: undefined, serverPort: undefined };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return { serverAddress: host, serverPort: port };
}

/** Normalizes Node's `IncomingMessage.httpVersion` (`1.1`, `2.0`) to the convention's form (`1.1`, `2`). */
export function normalizeHttpVersion(version: unknown): string | undefined {
  if (typeof version !== 'string' || !/^\d(\.\d)?$/.test(version)) return undefined;
  return version.endsWith('.0') ? version.slice(0, -2) : version;
}
