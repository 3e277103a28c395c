import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in `packages/sdk/test/peers/`). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Where `scripts/install-peers.sh` puts the peers. @default `<repo>/.peers` (env `MCP_OTEL_PEERS_DIR`) */
export const PEERS_DIR = process.env.MCP_OTEL_PEERS_DIR ?? path.join(REPO_ROOT, '.peers');

/** The peers `scripts/install-peers.sh` knows, by the names it uses. */
export type PeerName = 'prometheus' | 'victoria-metrics' | 'otlp-proto' | 'redis' | 'alertmanager' | 'chromium' | 'mcp-inspector';

/** Paths of the installed peer binaries and files (the layout `dpkg -x` leaves). */
export const peerPaths = {
  prometheus: path.join(PEERS_DIR, 'prometheus/root/usr/bin/prometheus'),
  promtool: path.join(PEERS_DIR, 'prometheus/root/usr/bin/promtool'),
  victoriaMetrics: path.join(PEERS_DIR, 'victoria-metrics/root/usr/bin/victoria-metrics'),
  /** Import root of the official OTLP `.proto` files (`opentelemetry/proto/...` lives below it). */
  otlpProtoRoot: path.join(PEERS_DIR, 'otlp-proto/root/usr/include'),
  redisServer: path.join(PEERS_DIR, 'redis/root/usr/bin/redis-server'),
  /** Holds the multiarch library folder (`x86_64-linux-gnu`, ...) with liblzf and libjemalloc. */
  redisLibRoot: path.join(PEERS_DIR, 'redis/root/usr/lib'),
  /** The Alertmanager binary patched to read its templates from `./am-share`: run it with this folder as cwd. */
  alertmanagerDir: path.join(PEERS_DIR, 'alertmanager'),
  alertmanager: path.join(PEERS_DIR, 'alertmanager/alertmanager'),
  /** Debian's Chromium, run through the wrapper that points it at its unpacked libraries. */
  chromium: path.join(PEERS_DIR, 'chromium/chromium'),
  /** The MCP Inspector CLI 0.15.0 (`mcp-inspector --cli ...`), installed with npm into its own folder. */
  mcpInspector: path.join(PEERS_DIR, 'mcp-inspector/node_modules/.bin/mcp-inspector'),
} as const;

const requiredFiles: Record<PeerName, string[]> = {
  prometheus: [peerPaths.prometheus, peerPaths.promtool],
  'victoria-metrics': [peerPaths.victoriaMetrics],
  'otlp-proto': [path.join(peerPaths.otlpProtoRoot, 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto')],
  redis: [peerPaths.redisServer],
  alertmanager: [peerPaths.alertmanager, path.join(peerPaths.alertmanagerDir, 'am-share/default.tmpl')],
  chromium: [peerPaths.chromium],
  'mcp-inspector': [peerPaths.mcpInspector],
};

/**
 * Why a peer cannot be used, or `undefined` when it is installed. The reason comes from
 * `.peers/unavailable/<peer>` (written by install-peers when the install failed), else from a missing file.
 */
export function peerUnavailableReason(peer: PeerName): string | undefined {
  const recorded = path.join(PEERS_DIR, 'unavailable', peer);
  if (existsSync(recorded)) {
    const reason = readFileSync(recorded, 'utf8').trim();
    return `install failed: ${reason === '' ? 'no reason recorded' : reason}`;
  }
  const missing = requiredFiles[peer].find((file) => !existsSync(file));
  return missing === undefined ? undefined : `not installed (${missing} is missing): run scripts/install-peers.sh`;
}

/** Throws a clear error when a helper is used without its peer (outside `describeWithPeer`). */
export function assertPeerInstalled(peer: PeerName): void {
  const reason = peerUnavailableReason(peer);
  if (reason !== undefined) throw new Error(`test peer ${peer} is unavailable: ${reason}`);
}
