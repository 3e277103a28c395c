import type { Page } from 'playwright-core';
import { bundleFixture } from '../support/browser-fixtures.js';
import { startPageServer, type PageServer } from '../support/browser-page-server.js';
import { metricRows } from '../support/metric-rows.js';
import { startChromium, type ChromiumPeer } from '../peers/chromium.js';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { startOtlpReceiver, type OtlpReceiver } from '../peers/otlp-receiver.js';
import { pollUntil } from '../peers/poll.js';

// Issue 15: the exporters of the browser build in a page. The final flush when a page goes away
// (the page records and never exports on its own: an hour's interval, no shutdown; navigating away
// must still deliver the last points), and the console exporter writing to the page's console.
const TIMEOUT = 60_000;

describeWithPeer(['chromium', 'otlp-proto'], 'the page-hide flush and the console exporter of the browser build, in headless Chromium', () => {
  let receiver: OtlpReceiver;
  let server: PageServer;
  let browser: ChromiumPeer;
  let page: Page;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const html = (body: string) => ({ type: 'text/html; charset=utf-8', body: `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>${body}</body></html>` });
    server = await startPageServer(
      {
        '/hide.html': html('<p>recording</p><script type="module" src="/hide.js"></script>'),
        '/next.html': html('<p>the next page</p>'),
        '/console.html': html('<script type="module" src="/console.js"></script>'),
        '/console.js': { type: 'text/javascript', body: await bundleFixture('console-page.ts') },
        '/hide.js': { type: 'text/javascript', body: await bundleFixture('hide-page.ts') },
      },
      { json: receiver.url, vm: receiver.url },
    );
    browser = await startChromium();
    page = await browser.context.newPage();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  }, TIMEOUT);

  async function recordThenLeave(query: string): Promise<void> {
    await page.goto(`${server.url}/hide.html?${query}`);
    await page.waitForFunction(() => (globalThis as { ready?: boolean; error?: string }).ready === true || (globalThis as { error?: string }).error !== undefined);
    expect(await page.evaluate(() => (globalThis as { error?: string }).error)).toBeUndefined();
    await page.goto(`${server.url}/next.html`);
  }

  const rowsOf = (run: string) => metricRows(receiver.received.map((received) => received.request), { 'test.run': run }).filter((row) => row.includes('page.clicks'));

  it('sends the last points with a keepalive fetch when the page is left', async () => {
    await recordThenLeave('run=leave&clicks=3');
    const rows = await pollUntil(async () => (rowsOf('leave').length > 0 ? rowsOf('leave') : undefined), { what: 'the page-hide export', timeoutMs: 10_000, intervalMs: 50 });
    expect(rows).toEqual(['@mcp-otel/sdk/app page.clicks [] counter {"button":"send"} = 3']);
    expect(server.requests.filter((request) => request.startsWith('POST /otlp/json'))).toEqual(['POST /otlp/json same-origin']);
  }, TIMEOUT);

  it('falls back to sendBeacon when fetch cannot carry it (here: no fetch at all)', async () => {
    const before = server.requests.length;
    await recordThenLeave('run=beacon&clicks=5&fetch=none');
    const rows = await pollUntil(async () => (rowsOf('beacon').length > 0 ? rowsOf('beacon') : undefined), { what: 'the beacon export', timeoutMs: 10_000, intervalMs: 50 });
    // A beacon is done at once, so leaving (pagehide, then visibilitychange) may send the same
    // cumulative point twice: harmless, and every request must be a beacon (cors mode), none a fetch.
    expect(new Set(rows)).toEqual(new Set(['@mcp-otel/sdk/app page.clicks [] counter {"button":"send"} = 5']));
    const posts = server.requests.slice(before).filter((request) => request.startsWith('POST /otlp/json'));
    expect(posts.length).toBeGreaterThan(0);
    expect(new Set(posts)).toEqual(new Set(['POST /otlp/json cors']));
  }, TIMEOUT);

  it('gzips with CompressionStream while the page is visible, and sends at once, uncompressed, as it goes away', async () => {
    const encodings = () => receiver.received.filter((received) => metricRows([received.request], { 'test.run': 'gzip' }).length > 0).map((received) => received.contentEncoding ?? 'none');
    await recordThenLeave('run=gzip&clicks=4&compression=gzip&flush=1');
    const sent = await pollUntil(async () => (encodings().length >= 2 ? encodings() : undefined), { what: 'the flush and the page-hide export', timeoutMs: 10_000, intervalMs: 50 });
    expect(sent[0]).toBe('gzip');
    expect(sent.slice(1)).not.toContain('gzip');
    expect(new Set(rowsOf('gzip'))).toEqual(new Set(['@mcp-otel/sdk/app page.clicks [] counter {"button":"send"} = 4']));
  }, TIMEOUT);

  it('writes the console exporter to the developer tools console', async () => {
    const lines: string[] = [];
    const listen = (message: { type(): string; text(): string }) => void lines.push(`${message.type()} ${message.text()}`);
    page.on('console', listen);
    try {
      await page.goto(`${server.url}/console.html`);
      await page.waitForFunction(() => (globalThis as { ready?: boolean; error?: string }).ready === true || (globalThis as { error?: string }).error !== undefined);
      expect(await page.evaluate(() => (globalThis as { error?: string }).error)).toBeUndefined();
    } finally {
      page.off('console', listen);
    }
    const exported = lines.filter((line) => line.startsWith('log ') && line.includes('page.loads'));
    expect(exported).toHaveLength(1);
    expect(exported[0]).toContain('"page":"console"');
  }, TIMEOUT);
});
