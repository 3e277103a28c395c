import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDaemon } from './daemon.js';
import { withFreePort } from './free-port.js';
import { getJson } from './http-request.js';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';

/** One alert as Alertmanager's `/api/v2/alerts` lists it. */
export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  fingerprint: string;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}

/** A running Alertmanager 0.25 on 127.0.0.1. */
export interface AlertmanagerPeer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `GET /api/v2/alerts` (active alerts only, as Alertmanager serves them by default). */
  alerts(): Promise<AmAlert[]>;
  /** Kills it by PID and removes its config and data. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the real Alertmanager from `.peers/alertmanager` (the Debian binary, patched to find its
 * templates in `./am-share`, so it runs with that folder as working directory) with a temporary
 * config and data folder, clustering off, on a free port of 127.0.0.1.
 *
 * @example
 * ```ts
 * const am = await startAlertmanager();
 * // ... send alerts to am.url ...
 * expect((await am.alerts()).map((alert) => alert.labels.alertname)).toEqual(['ToolErrors']);
 * await am.stop();
 * ```
 */
export async function startAlertmanager(): Promise<AlertmanagerPeer> {
  assertPeerInstalled('alertmanager');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-am-'));
  // JSON is YAML. A receiver with no integration: the tests read alerts through the API.
  const config = { route: { receiver: 'null', group_by: ['alertname'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' }, receivers: [{ name: 'null' }] };
  await writeFile(path.join(dir, 'alertmanager.yml'), JSON.stringify(config));
  try {
    return await withFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      const daemon = await startDaemon({
        name: 'alertmanager',
        command: peerPaths.alertmanager,
        args: [`--config.file=${path.join(dir, 'alertmanager.yml')}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'],
        readyUrl: `${url}/-/ready`,
        cwd: peerPaths.alertmanagerDir,
      });
      let stopped: Promise<void> | undefined;
      return {
        url,
        alerts: () => getJson<AmAlert[]>(`${url}/api/v2/alerts`),
        stop: () =>
          (stopped ??= (async () => {
            await daemon.stop();
            await rm(dir, { recursive: true, force: true });
          })()),
      };
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
