import Redis from 'ioredis';
import { instrumentRedis } from '@mcp-otel/instrumentation';
import { describeWithPeer } from '../../../sdk/test/peers/describe-with-peer.js';
import type { RedisPeer } from '../../../sdk/test/peers/redis.js';
import { startRedis } from '../../../sdk/test/peers/redis.js';
import { histogramPoint, series, TestMetrics, total } from '../helpers/test-metrics.js';

const DURATION = 'db.client.operation.duration';

describeWithPeer('redis', 'instrumentRedis on ioredis 6 against a real redis-server 7', () => {
  let server: RedisPeer;
  let metrics: TestMetrics;
  let client: Redis | undefined;

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(() => server.stop());
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(async () => {
    client?.disconnect();
    await metrics.shutdown();
  });

  it('records each command with the conventions\' attributes and counts the bytes sent and received', async () => {
    client = instrumentRedis(new Redis({ host: server.host, port: server.port, db: 3, lazyConnect: true }), { meterProvider: metrics.provider });
    await client.connect();
    expect(await client.set('note:1', 'hello world')).toBe('OK');
    expect(await client.get('note:1')).toBe('hello world');
    expect(await client.get('note:2')).toBeNull();
    const collected = await metrics.collect();
    const base = { 'db.system.name': 'redis', 'db.namespace': '3', 'server.address': '127.0.0.1', 'server.port': server.port };
    expect(histogramPoint(collected.get(DURATION), { ...base, 'db.operation.name': 'set' })!.count).toBe(1);
    expect(histogramPoint(collected.get(DURATION), { ...base, 'db.operation.name': 'get' })!.count).toBe(2);
    // SELECT 3 on connect is a real command too.
    expect(histogramPoint(collected.get(DURATION), { ...base, 'db.operation.name': 'select' })!.count).toBe(1);
    const io = collected.get('mcp_otel.storage.io');
    expect(total(io, { 'db.operation.name': 'set', 'mcp_otel.storage.io.direction': 'write' })).toBe('note:1'.length + 'hello world'.length);
    expect(total(io, { 'db.operation.name': 'get', 'mcp_otel.storage.io.direction': 'write' })).toBe(2 * 'note:1'.length);
    expect(total(io, { 'db.operation.name': 'get', 'mcp_otel.storage.io.direction': 'read' })).toBe('hello world'.length);
    expect(total(io, { 'db.operation.name': 'set', 'mcp_otel.storage.io.direction': 'read' })).toBe('OK'.length);
  });

  it('gives a Redis error its prefix as db.response.status_code and error.type, and rejects with the same error', async () => {
    client = instrumentRedis(new Redis({ host: server.host, port: server.port }), { name: 'sessions', meterProvider: metrics.provider });
    await client.set('counter', 'not a list');
    let thrown: unknown;
    await client.lpush('counter', 'x').catch((error: unknown) => (thrown = error));
    expect((thrown as Error).name).toBe('ReplyError');
    expect((thrown as Error).message).toMatch(/^WRONGTYPE /);
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION)).filter((s) => s.includes('lpush'))).toEqual([
      `db.namespace=0,db.operation.name=lpush,db.response.status_code=WRONGTYPE,db.system.name=redis,error.type=WRONGTYPE,mcp_otel.storage.name=sessions,server.address=127.0.0.1,server.port=${server.port} => 1`,
    ]);
  });

  it('records a command that fails because the server is gone, without an unhandled rejection of its own', async () => {
    client = instrumentRedis(new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 0, retryStrategy: () => null }), { meterProvider: metrics.provider });
    await client.ping();
    client.disconnect();
    await expect(client.get('x')).rejects.toThrow();
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION)).some((s) => s.includes('db.operation.name=get') && s.includes('error.type=Error'))).toBe(true);
  });
});
