import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startChromium, type ChromiumPeer } from '../../../packages/sdk/test/peers/chromium';
import { describeWithPeer } from '../../../packages/sdk/test/peers/describe-with-peer';
import { startOtlpReceiver, type OtlpReceiver } from '../../../packages/sdk/test/peers/otlp-receiver';
import { pollUntil } from '../../../packages/sdk/test/peers/poll';
import { startPageServer, type PageServer } from '../../../packages/sdk/test/support/browser-page-server';
import { metricRows } from '../../../packages/sdk/test/support/metric-rows';

// Issue 15 item 5: the browser example as a user runs it. `npm run build` bundles the page; the real
// demo (`npm start`, a child process) serves MCP over Streamable HTTP and answers CORS; the page,
// on another origin in headless Chromium, calls its tools and runs a WebAssembly module, shows the
// results, and ships metrics over OTLP. A screenshot of the results must look exactly like the
// same list rendered from the expected text, so a broken page cannot pass.
const EXAMPLE = join(__dirname, '..');
const DEMO_MAIN = join(__dirname, '..', '..', 'demo', 'dist', 'main.js');
const TIMEOUT = 120_000;

const EXPECTED = [
  'echo: hello from the browser',
  'wasm_fibonacci(10) on the server: 55',
  'fibonacci(20) in this page: 6765',
  'fibonacci(-1) in this page: RuntimeError',
];

function startDemo(): Promise<{ child: ChildProcess; mcpUrl: string }> {
  const child = spawn(process.execPath, [DEMO_MAIN, '--port', '0', '--metrics-port', '0', '--rate', '1', '--duration', '90'], {
    env: { ...process.env, OTEL_METRICS_EXPORTER: 'prometheus' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const mcpUrl = /Streamable HTTP\): +(http\S+)/.exec(stderr)?.[1];
      if (mcpUrl !== undefined) resolve({ child, mcpUrl });
    });
    child.once('exit', (code) => reject(new Error(`demo exited early (${code}): ${stderr}`)));
  });
}

/** The results list of index.html rendered from `lines`, for the screenshot comparison. */
function referenceHtml(lines: readonly string[]): string {
  const html = readFileSync(join(EXAMPLE, 'index.html'), 'utf8').replace(/<script[^]*?<\/script>/, '');
  const items = lines.map((line) => `<li${line.endsWith('RuntimeError') ? ' class="error"' : ''}>${line}</li>`).join('');
  return html.replace('<p id="status">starting</p>', '<p id="status">done</p>').replace('<ul id="results"></ul>', `<ul id="results">${items}</ul>`);
}

describeWithPeer(['chromium', 'otlp-proto'], 'examples/browser in headless Chromium, against the demo server', () => {
  let demo: { child: ChildProcess; mcpUrl: string } | undefined;
  let receiver: OtlpReceiver;
  let server: PageServer;
  let browser: ChromiumPeer;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(DEMO_MAIN)) throw new Error(`${DEMO_MAIN} is missing: run "npm run build" first (npm test does it)`);
    const built = spawnSync(process.execPath, [join(EXAMPLE, 'build.mjs')], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`examples/browser build failed: ${built.stderr}`);
    demo = await startDemo();
    receiver = await startOtlpReceiver();
    server = await startPageServer(
      {
        '/index.html': { type: 'text/html; charset=utf-8', body: readFileSync(join(EXAMPLE, 'index.html')) },
        '/dist/app.js': { type: 'text/javascript', body: readFileSync(join(EXAMPLE, 'dist/app.js')) },
        '/dist/math.wasm': { type: 'application/wasm', body: readFileSync(join(EXAMPLE, 'dist/math.wasm')) },
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
    if (demo !== undefined && demo.child.exitCode === null) {
      const exited = new Promise((resolve) => demo!.child.once('exit', resolve));
      demo.child.kill('SIGTERM');
      await exited;
    }
  }, TIMEOUT);

  it('shows the tool and WebAssembly results (checked on a screenshot against the expected rendering)', async () => {
    const query = new URLSearchParams({ mcp: demo!.mcpUrl, otlp: `${server.url}/otlp/json` });
    await page.goto(`${server.url}/?${query}`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'starting', undefined, { timeout: 60_000 });
    expect(await page.locator('#results li').allTextContents()).toEqual(EXPECTED);
    const shot = await page.screenshot({ fullPage: true });

    const reference = await browser.context.newPage();
    await reference.setContent(referenceHtml(EXPECTED));
    const expected = await reference.screenshot({ fullPage: true });
    await reference.setContent(referenceHtml(EXPECTED.map((line) => line.replace('6765', '6766'))));
    const wrong = await reference.screenshot({ fullPage: true });
    await reference.close();
    expect(wrong.equals(expected)).toBe(false); // one wrong digit changes the pixels: the check can fail
    expect(shot.equals(expected)).toBe(true);
  }, TIMEOUT);

  it('ships the client and WebAssembly metrics over OTLP, the last of them when the page is left', async () => {
    await page.goto('about:blank');
    const rows = await pollUntil(
      async () => {
        const all = metricRows(receiver.received.map((received) => received.request), { 'service.name': 'mcp-otel-browser-example' }).join('\n');
        return all.includes('mcp.client.operation.duration') && all.includes('mcp_otel.wasm.traps') ? all : undefined;
      },
      { what: 'the example page metrics', timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(rows).toMatch(/mcp\.client\.operation\.duration \[s\] histogram \{[^}]*"gen_ai.tool.name":"echo"[^}]*"mcp.method.name":"tools\/call"/);
    expect(rows).toContain('mcp_otel.wasm.traps [{trap}] counter {"mcp_otel.wasm.export.name":"fibonacci","mcp_otel.wasm.module.name":"browser-math","mcp_otel.wasm.trap.kind":"unreachable"} = 1');
  }, TIMEOUT);
});
