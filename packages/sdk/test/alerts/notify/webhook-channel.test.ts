import { systemClock } from '../../../src/clock/clock';
import { WebhookChannel } from '../../../src/alerts/notify/webhook-channel';
import type { WebhookChannelOptions } from '../../../src/alerts/notify/webhook-channel';
import type { AlertNotification } from '../../../src/alerts/notify/notification-types';
import { nodeHttpPost } from '../../../src/platform/node/node-http-post';
import { startWebhookReceiver } from './webhook-receiver';
import type { WebhookReceiver } from './webhook-receiver';

const notification: AlertNotification = {
  version: '4',
  groupKey: '{}:{alertname="ToolErrors"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: '',
  groupLabels: { alertname: 'ToolErrors' },
  commonLabels: { alertname: 'ToolErrors', severity: 'warning' },
  commonAnnotations: {},
  externalURL: '',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'ToolErrors', severity: 'warning' },
      annotations: {},
      startsAt: '2026-12-03T10:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: '',
      fingerprint: '0123456789abcdef',
    },
  ],
};

const channel = (url: string, options: Partial<WebhookChannelOptions> = {}) =>
  new WebhookChannel({ name: 'hook', url, headers: {}, timeoutMs: 2_000, retries: 3, backoffMs: 10, secret: undefined, signatureHeader: 'X-MCP-OTel-Signature', ...options }, nodeHttpPost, systemClock);

describe('WebhookChannel against a real HTTP receiver', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it("POSTs Alertmanager's webhook payload (version 4) as JSON, with the channel as receiver and the user's headers", async () => {
    receiver = await startWebhookReceiver();
    await channel(receiver.url, { headers: { Authorization: 'Bearer t0ken' } }).deliver(notification);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t0ken' });
    const payload = JSON.parse(request!.body);
    expect(Object.keys(payload).sort()).toEqual(['alerts', 'commonAnnotations', 'commonLabels', 'externalURL', 'groupKey', 'groupLabels', 'receiver', 'status', 'truncatedAlerts', 'version']);
    expect(payload).toMatchObject({ version: '4', receiver: 'hook', status: 'firing', alerts: [{ status: 'firing', fingerprint: '0123456789abcdef' }] });
  });

  it('signs the body with HMAC-SHA256, and the receiver verifies it', async () => {
    receiver = await startWebhookReceiver({ secret: 's3cret' });
    await channel(receiver.url, { secret: 's3cret' }).deliver(notification);
    expect(receiver.received[0]!.signatureValid).toBe(true);
    expect(receiver.received[0]!.headers['x-mcp-otel-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('retries a 500 with backoff until it succeeds', async () => {
    receiver = await startWebhookReceiver({ statuses: [500, 503] });
    await channel(receiver.url).deliver(notification);
    expect(receiver.received).toHaveLength(3);
  });

  it('gives up after its retries, and does not retry a 400', async () => {
    receiver = await startWebhookReceiver({ statuses: [500, 500, 500] });
    await expect(channel(receiver.url, { retries: 2 }).deliver(notification)).rejects.toThrow('HTTP 500: ok (after 3 attempt(s))');
    await receiver.close();
    receiver = await startWebhookReceiver({ statuses: [400] });
    await expect(channel(receiver.url).deliver(notification)).rejects.toThrow('HTTP 400: ok (after 1 attempt(s))');
    expect(receiver.received).toHaveLength(1);
  });

  it('times out on a receiver that never answers, each attempt', async () => {
    receiver = await startWebhookReceiver({ hang: true });
    const started = Date.now();
    await expect(channel(receiver.url, { timeoutMs: 150, retries: 1 }).deliver(notification)).rejects.toThrow('no answer within 150 ms (after 2 attempt(s))');
    expect(receiver.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails cleanly, without the URL, when nothing listens', async () => {
    const error = await channel('http://user:pw@127.0.0.1:1/hook', { retries: 0 })
      .deliver(notification)
      .catch((e: Error) => e);
    expect((error as Error).message).toBe('ECONNREFUSED (after 1 attempt(s))');
  });
});
