import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDaemon } from './daemon.js';
import { withFreePort } from './free-port.js';
import { getJson, httpRequest } from './http-request.js';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';
import { pollUntil } from './poll.js';

/** One series as `/api/v1/export` returns it (JSON lines). */
export interface VmSeries {
  /** Labels, `__name__` included. Default naming keeps OTel names: `e2e.requests`, `service.name`. */
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

/** Options of {@link VictoriaMetricsPeer.export}. */
export interface VmExportOptions {
  /** Keep polling until at least this many series match. @default 1 */
  minSeries?: number;
  /** @default 5000 */
  timeoutMs?: number;
}

/** A running VictoriaMetrics 1.112 on 127.0.0.1. */
export interface VictoriaMetricsPeer {
  readonly url: string;
  /** OTLP/HTTP protobuf endpoint: `<url>/opentelemetry/v1/metrics` (JSON is rejected with 400). */
  readonly otlpUrl: string;
  /**
   * Series matching a series selector (`{__name__=~"e2e.*"}`), read with `/api/v1/export` after a
   * force flush; polls because rows become searchable a moment after the flush.
   */
  export(match: string, options?: VmExportOptions): Promise<VmSeries[]>;
  /** Instant MetricsQL query through `/api/v1/query` (after a force flush). */
  query(query: string): Promise<Array<{ metric: Record<string, string>; value: number }>>;
  /** Makes ingested rows searchable (`/internal/force_flush`). */
  forceFlush(): Promise<void>;
  /** VictoriaMetrics' own counter for one `type` (e.g. `vm_rows_inserted_total`), summed over its other labels. */
  selfMetric(name: string, type?: string): Promise<number>;
  /** Rows VictoriaMetrics dropped from OTLP input (`vm_protoparser_rows_dropped_total{type="opentelemetry"}`). */
  droppedOtlpRows(): Promise<number>;
  /** Kills VictoriaMetrics by PID and removes its data folder. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startVictoriaMetrics}. */
export interface VictoriaMetricsOptions {
  /** `-opentelemetry.usePrometheusNaming`: `e2e_requests_total`, `service_name`. @default false */
  prometheusNaming?: boolean;
}

/**
 * Starts the real VictoriaMetrics binary from `.peers/` with a temporary data folder on a free
 * 127.0.0.1 port and waits for `/health`.
 *
 * @example
 * ```ts
 * const vm = await startVictoriaMetrics();
 * // export OTLP protobuf to vm.otlpUrl, then:
 * const series = await vm.export('{__name__=~"e2e.*"}');
 * await vm.stop();
 * ```
 */
export async function startVictoriaMetrics(options: VictoriaMetricsOptions = {}): Promise<VictoriaMetricsPeer> {
  assertPeerInstalled('victoria-metrics');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-vm-'));
  try {
    return await withFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      const daemon = await startDaemon({
        name: 'victoria-metrics',
        command: peerPaths.victoriaMetrics,
        args: [
          `-storageDataPath=${dir}`,
          `-httpListenAddr=127.0.0.1:${port}`,
          '-retentionPeriod=1d',
          // Without it, queries hide the last 30 s.
          '-search.latencyOffset=0s',
          '-loggerLevel=WARN',
          ...(options.prometheusNaming === true ? ['-opentelemetry.usePrometheusNaming'] : []),
        ],
        readyUrl: `${url}/health`,
      });
      return makePeer(url, dir, () => daemon.stop());
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function makePeer(url: string, dir: string, stopDaemon: () => Promise<void>): VictoriaMetricsPeer {
  const forceFlush = async (): Promise<void> => {
    const res = await httpRequest(`${url}/internal/force_flush`);
    if (res.status !== 200) throw new Error(`force_flush answered ${res.status}: ${res.body.toString('utf8')}`);
  };
  const selfMetric = async (name: string, type?: string): Promise<number> => {
    const text = (await httpRequest(`${url}/metrics`)).body.toString('utf8');
    let sum = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      if (type !== undefined && !line.includes(`type="${type}"`)) continue;
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return sum;
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    otlpUrl: `${url}/opentelemetry/v1/metrics`,
    forceFlush,
    selfMetric,
    droppedOtlpRows: () => selfMetric('vm_protoparser_rows_dropped_total', 'opentelemetry'),
    async query(query) {
      await forceFlush();
      const answer = await getJson<{ status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } }>(
        `${url}/api/v1/query?query=${encodeURIComponent(query)}`,
      );
      if (answer.status !== 'success') throw new Error(`query ${query} failed: ${answer.error ?? answer.status}`);
      return answer.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    async export(match, exportOptions = {}) {
      const minSeries = exportOptions.minSeries ?? 1;
      return pollUntil(
        async () => {
          // The first read after a flush can still be empty: flush and read again until it is there.
          await forceFlush();
          const res = await httpRequest(`${url}/api/v1/export?match[]=${encodeURIComponent(match)}`);
          const text = res.body.toString('utf8');
          if (res.status !== 200) throw new Error(`export answered ${res.status}: ${text}`);
          const series = text
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as VmSeries);
          return series.length >= minSeries ? series : undefined;
        },
        { what: `${minSeries} VictoriaMetrics series matching ${match}`, timeoutMs: exportOptions.timeoutMs ?? 5_000, intervalMs: 100 },
      );
    },
    stop: () =>
      (stopped ??= (async () => {
        await stopDaemon();
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}
