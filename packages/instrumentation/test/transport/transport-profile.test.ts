import { PassThrough } from 'node:stream';
import http from 'node:http';
import { Socket } from 'node:net';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { SSEClientTransport as SSEClientTransportV2, StreamableHTTPClientTransport as StreamableHTTPClientTransportV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioClientTransportV2 } from '@modelcontextprotocol/client/stdio';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import {
  InMemoryTransport as InMemoryTransportV2,
  PerRequestHTTPServerTransport,
  WebStandardStreamableHTTPServerTransport as WebStandardStreamableHTTPServerTransportV2,
} from '@modelcontextprotocol/server';
import { StdioServerTransport as StdioServerTransportV2 } from '@modelcontextprotocol/server/stdio';
import { detectTransport, normalizeHttpVersion } from '../../src/transport/transport-profile.js';

const none = Object.freeze({});

describe('detectTransport', () => {
  it('recognizes every SDK transport by shape, not by class name', () => {
    const res = new http.ServerResponse(new http.IncomingMessage(new Socket()));
    const cases: [object, Record<string, unknown>][] = [
      [new StdioServerTransport(new PassThrough(), new PassThrough()), { type: 'stdio', networkTransport: 'pipe', protocolName: undefined }],
      [new StdioClientTransport({ command: 'node' }), { type: 'stdio', networkTransport: 'pipe', serverAddress: undefined }],
      [new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }), { type: 'streamable_http', networkTransport: 'tcp', protocolName: 'http' }],
      [new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined }), { type: 'streamable_http', networkTransport: 'tcp', protocolName: 'http' }],
      [new StreamableHTTPClientTransport(new URL('https://mcp.example.com/mcp')), { type: 'streamable_http', protocolName: 'http', serverAddress: 'mcp.example.com', serverPort: 443 }],
      [new SSEServerTransport('/messages', res), { type: 'sse', networkTransport: 'tcp', protocolName: 'http' }],
      [new SSEClientTransport(new URL('http://[::1]:8080/sse')), { type: 'sse', networkTransport: 'tcp', serverAddress: '::1', serverPort: 8080 }],
      [new WebSocketClientTransport(new URL('ws://127.0.0.1:9000')), { type: 'websocket', networkTransport: 'tcp', protocolName: 'websocket', serverAddress: '127.0.0.1', serverPort: 9000 }],
      [InMemoryTransport.createLinkedPair()[0], { type: 'in_memory', networkTransport: undefined, protocolName: undefined }],
      [{ start() {}, send() {}, close() {} }, { type: 'custom', networkTransport: undefined, protocolName: undefined }],
    ];
    for (const [transport, expected] of cases) expect(detectTransport(transport, none)).toMatchObject(expected);
  });

  it('recognizes every transport of the 2.x SDK packages the same way', () => {
    const stdioServer = new StdioServerTransportV2(new PassThrough(), new PassThrough());
    // serveStdio (2.x) connects each server instance to a channel over the wire transport.
    const serveStdioChannel = { _wire: stdioServer, deliver() {}, start() {}, send() {}, close() {} };
    const cases: [object, Record<string, unknown>][] = [
      [stdioServer, { type: 'stdio', networkTransport: 'pipe', protocolName: undefined }],
      [serveStdioChannel, { type: 'stdio', networkTransport: 'pipe', protocolName: undefined }],
      [new StdioClientTransportV2({ command: 'node' }), { type: 'stdio', networkTransport: 'pipe', serverAddress: undefined }],
      [new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined }), { type: 'streamable_http', networkTransport: 'tcp', protocolName: 'http' }],
      [new WebStandardStreamableHTTPServerTransportV2({ sessionIdGenerator: undefined }), { type: 'streamable_http', networkTransport: 'tcp', protocolName: 'http' }],
      [new PerRequestHTTPServerTransport({ classification: { era: 'modern', revision: '2026-07-28' } }), { type: 'streamable_http', networkTransport: 'tcp', protocolName: 'http' }],
      [new StreamableHTTPClientTransportV2(new URL('https://mcp.example.com/mcp')), { type: 'streamable_http', protocolName: 'http', serverAddress: 'mcp.example.com', serverPort: 443 }],
      [new SSEClientTransportV2(new URL('http://[::1]:8080/sse')), { type: 'sse', networkTransport: 'tcp', serverAddress: '::1', serverPort: 8080 }],
      [InMemoryTransportV2.createLinkedPair()[0], { type: 'in_memory', networkTransport: undefined, protocolName: undefined }],
    ];
    for (const [transport, expected] of cases) expect(detectTransport(transport, none)).toMatchObject(expected);
  });

  it('lets overrides win, and drops the detected port when only the address is overridden', () => {
    const transport = new StreamableHTTPClientTransport(new URL('http://10.0.0.1:3000/mcp'));
    expect(detectTransport(transport, { serverAddress: 'api.internal' })).toMatchObject({ serverAddress: 'api.internal', serverPort: undefined });
    expect(detectTransport({ start() {}, send() {}, close() {} }, { type: 'grpc', networkTransport: 'tcp', protocolName: 'http', protocolVersion: '2' })).toEqual({
      type: 'grpc',
      networkTransport: 'tcp',
      protocolName: 'http',
      protocolVersion: '2',
      serverAddress: undefined,
      serverPort: undefined,
    });
  });
});

describe('normalizeHttpVersion', () => {
  it('maps Node http versions to the convention form and rejects anything else', () => {
    expect(normalizeHttpVersion('1.1')).toBe('1.1');
    expect(normalizeHttpVersion('2.0')).toBe('2');
    expect(normalizeHttpVersion('1.0')).toBe('1');
    expect(normalizeHttpVersion('HTTP/9')).toBeUndefined();
    expect(normalizeHttpVersion(2)).toBeUndefined();
  });
});
