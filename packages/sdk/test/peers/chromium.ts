import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';

/** A headless Chromium with a fresh profile. */
export interface ChromiumPeer {
  readonly context: BrowserContext;
  /** Closes the browser (every process it started) and removes the profile. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium from `.peers/chromium` (scripts/install-peers.sh) through playwright-core
 * with `executablePath`: never a browser download. Headless, no sandbox (tests run as root in CI),
 * a fresh profile per call, no background networking.
 *
 * @example
 * ```ts
 * const browser = await startChromium();
 * const page = await browser.context.newPage();
 * await page.goto('http://127.0.0.1:8080/');
 * await browser.close();
 * ```
 */
export async function startChromium(): Promise<ChromiumPeer> {
  assertPeerInstalled('chromium');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: peerPaths.chromium,
      headless: true,
      viewport: { width: 800, height: 600 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    context,
    close: () =>
      (closed ??= (async () => {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      })()),
  };
}
