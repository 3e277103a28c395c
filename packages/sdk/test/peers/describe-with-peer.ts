import type { PeerName } from './peer-paths.js';
import { peerUnavailableReason } from './peer-paths.js';

/**
 * `describe` for tests that need real peers. When a peer is missing the block is reported as skipped
 * with the reason in its title (and on stderr); under `CI=true` it fails instead, because CI must run
 * every test. This is the one place allowed to skip tests.
 *
 * @example
 * ```ts
 * describeWithPeer('prometheus', 'Prometheus scrape', () => { it('finds the series', async () => {}) });
 * ```
 */
export function describeWithPeer(peers: PeerName | readonly PeerName[], name: string, fn: () => void): void {
  const list: readonly PeerName[] = typeof peers === 'string' ? [peers] : peers;
  const missing = list.flatMap((peer) => {
    const reason = peerUnavailableReason(peer);
    return reason === undefined ? [] : [`${peer}: ${reason}`];
  });
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const why = missing.join('; ');
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its test peers installed', () => {
        throw new Error(`test peer unavailable in CI: ${why}`);
      });
    });
    return;
  }
  process.stderr.write(`skipped "${name}": test peer unavailable: ${why}\n`);
  const skipped = describe.skip;
  skipped(`${name} [skipped: ${why}]`, fn);
}
