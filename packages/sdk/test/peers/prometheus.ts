import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDaemon } from './daemon.js';
import { withFreePort } from './free-port.js';
import { getJson } from './http-request.js';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';
import { pollUntil } from './poll.js';

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** What to scrape: full URLs (`http://127.0.0.1:9464/metrics`) or `host:port` (path `/metrics`). */
  targets: string[];
  /** Prometheus duration. @default "1s" */
  scrapeInterval?: string;
  /** More keys for every scrape config, e.g. `authorization` or `tls_config`. @default {} */
  scrapeExtras?: Record<string, unknown>;
  /** Rule files to load, by file name (e.g. the output of `toPrometheusRules`). @default {} */
  ruleFiles?: Record<string, string>;
  /** Alertmanager base URLs (`http://127.0.0.1:9093`) to send alerts to. @default [] */
  alertmanagers?: string[];
}

/** One sample of an instant query. */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/** A running Prometheus 2.42 on 127.0.0.1. */
export interface PrometheusPeer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The prometheus.yml it runs with (for `promtool check config`). */
  readonly configFile: string;
  /** Instant query through `/api/v1/query`. */
  query(promql: string): Promise<PromSample[]>;
  /**
   * Polls `query` until it returns at least one sample. The first scrape lands about 5-6 s after
   * start (Prometheus' discovery manager updates every 5 s). @param timeoutMs @default 20000
   */
  waitForSeries(promql: string, timeoutMs?: number): Promise<PromSample[]>;
  /** Active alerts (`/api/v1/alerts`): labels, state (`pending`, `firing`). */
  alerts(): Promise<Array<{ labels: Record<string, string>; state: string }>>;
  /** The active targets with their health and last scrape error. */
  targets(): Promise<Array<{ scrapeUrl: string; health: string; lastError: string }>>;
  /** Kills Prometheus by PID and removes its config and TSDB folders. Idempotent. */
  stop(): Promise<void>;
}

interface ApiAnswer<T> {
  status: string;
  data: T;
  error?: string;
}

/**
 * Starts the real Prometheus binary from `.peers/` with a temporary config and TSDB, bound to
 * 127.0.0.1 on a free port, and waits for `/-/ready`.
 *
 * @example
 * ```ts
 * const prom = await startPrometheus({ targets: [handle.endpoints.prometheus!] });
 * const [sample] = await prom.waitForSeries('e2e_requests_total');
 * await prom.stop();
 * ```
 */
export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusPeer> {
  assertPeerInstalled('prometheus');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-prom-'));
  const interval = options.scrapeInterval ?? '1s';
  const ruleFiles = options.ruleFiles ?? {};
  for (const [name, text] of Object.entries(ruleFiles)) await writeFile(path.join(dir, name), text);
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    rule_files: Object.keys(ruleFiles).map((name) => path.join(dir, name)),
    alerting: { alertmanagers: (options.alertmanagers ?? []).map((url) => ({ static_configs: [{ targets: [new URL(url).host] }] })) },
    scrape_configs: options.targets.map((target, index) => {
      const url = new URL(target.includes('://') ? target : `http://${target}/metrics`);
      return {
        job_name: `target${index}`,
        scheme: url.protocol.replace(':', ''),
        metrics_path: url.pathname,
        static_configs: [{ targets: [url.host] }],
        ...options.scrapeExtras,
      };
    }),
  };
  // JSON is YAML, so no YAML writer is needed.
  await writeFile(path.join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));
  try {
    return await withFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      const daemon = await startDaemon({
        name: 'prometheus',
        command: peerPaths.prometheus,
        args: [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        readyUrl: `${url}/-/ready`,
      });
      return makePeer(url, () => daemon.stop(), dir, path.join(dir, 'prometheus.yml'));
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function makePeer(url: string, stopDaemon: () => Promise<void>, dir: string, configFile: string): PrometheusPeer {
  const query = async (promql: string): Promise<PromSample[]> => {
    const answer = await getJson<ApiAnswer<{ resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> }>>(
      `${url}/api/v1/query?query=${encodeURIComponent(promql)}`,
    );
    if (answer.status !== 'success') throw new Error(`query ${promql} failed: ${answer.error ?? answer.status}`);
    return answer.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };
  const targets = async (): Promise<Array<{ scrapeUrl: string; health: string; lastError: string }>> => {
    const answer = await getJson<ApiAnswer<{ activeTargets: Array<{ scrapeUrl: string; health: string; lastError: string }> }>>(`${url}/api/v1/targets`);
    return answer.data.activeTargets.map(({ scrapeUrl, health, lastError }) => ({ scrapeUrl, health, lastError }));
  };
  const alerts = async (): Promise<Array<{ labels: Record<string, string>; state: string }>> => {
    const answer = await getJson<ApiAnswer<{ alerts: Array<{ labels: Record<string, string>; state: string }> }>>(`${url}/api/v1/alerts`);
    return answer.data.alerts.map(({ labels, state }) => ({ labels, state }));
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    configFile,
    query,
    targets,
    alerts,
    async waitForSeries(promql, timeoutMs = 20_000) {
      try {
        return await pollUntil(async () => {
          const samples = await query(promql);
          return samples.length > 0 ? samples : undefined;
        }, { what: `Prometheus series ${promql}`, timeoutMs, intervalMs: 250 });
      } catch (error) {
        const state = await targets().catch(() => []);
        throw new Error(`${(error as Error).message}; scrape targets: ${JSON.stringify(state)}`);
      }
    },
    stop: () =>
      (stopped ??= (async () => {
        await stopDaemon();
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}
