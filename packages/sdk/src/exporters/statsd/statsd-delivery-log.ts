import { diag } from '@opentelemetry/api';
import type { Reporter } from '../../report/reporter.js';
import type { StatsdExporterStats } from './statsd-transport.js';

/**
 * Counts what a StatsD transport sent and dropped, and tells the operator once per kind of
 * problem (e.g. `ECONNREFUSED`, `queue-full`) through `diag.warn`, with the target and the fix.
 * Repeats of a known problem stay at `diag.debug`: a daemon that is down stays quiet in the logs.
 */
export class StatsdDeliveryLog {
  private readonly warned = new Set<string>();
  private readonly counts: StatsdExporterStats = { sentPayloads: 0, droppedLines: 0, refusedDatagrams: 0 };

  /** @param target e.g. `udp://127.0.0.1:8125`, named in every message. */
  constructor(
    private readonly target: string,
    /** OTel's `diag` by default; the SDK's stderr reporter inside `startMetrics`. */
    private readonly logger: Reporter = diag,
  ) {}

  sent(payloads = 1): void {
    this.counts.sentPayloads += payloads;
  }

  /** Records `lines` dropped because of `problem` (a short code) explained by `detail`. */
  dropped(lines: number, problem: string, detail: string): void {
    this.counts.droppedLines += lines;
    this.warnOnce(problem, `StatsD exporter: dropped ${lines} line(s) for ${this.target}: ${detail}.`, problem);
  }

  private warnOnce(key: string, message: string, problem: string): void {
    if (this.warned.has(key)) {
      this.logger.debug(message);
      return;
    }
    this.warned.add(key);
    this.logger.warn(`${message} Fix: ${fixFor(problem)} Further problems of this kind are counted in stats(), not logged.`);
  }

  /** Reports a problem that loses nothing yet (TCP keeps lines queued while it reconnects). */
  unavailable(problem: string, detail: string): void {
    this.warnOnce(problem, `StatsD exporter: cannot reach ${this.target}: ${detail}; queueing and retrying.`, problem);
  }

  /**
   * Records a datagram the daemon's host refused (ICMP port unreachable, seen as `ECONNREFUSED`
   * after the fact). Its lines were already counted as sent; UDP cannot say which ones were lost.
   */
  refused(problem: string, detail: string): void {
    this.counts.refusedDatagrams++;
    this.warnOnce(problem, `StatsD exporter: ${this.target} refused a datagram: ${detail}.`, problem);
  }

  /** Says once that payloads did not fit `maxPacketBytes` (they are still sent, alone). */
  oversized(count: number, maxPacketBytes: number): void {
    if (count === 0 || this.warned.has('oversized')) return;
    this.warned.add('oversized');
    this.logger.warn(
      `StatsD exporter: ${count} line(s) longer than maxPacketBytes (${maxPacketBytes}) were sent ` +
        `in datagrams of their own and may be fragmented or dropped on the way to ${this.target}. ` +
        'Fix: shorten attribute values or drop attributes with a View, or raise maxPacketBytes.',
    );
  }

  stats(): StatsdExporterStats {
    return { ...this.counts };
  }
}

function fixFor(problem: string): string {
  switch (problem) {
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'start the StatsD daemon, or point host/port (MCP_OTEL_STATSD_HOST, MCP_OTEL_STATSD_PORT) at it.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'check the StatsD host name (MCP_OTEL_STATSD_HOST); it is looked up again at the next export.';
    case 'queue-full':
      return 'the daemon reads too slowly or is away; lines are kept up to a bounded queue, the oldest are dropped.';
    case 'shutdown':
      return 'call forceFlush() before shutdown() when the daemon is slow.';
    case 'EMSGSIZE':
      return 'lower maxPacketBytes (MCP_OTEL_STATSD_MAX_PACKET_BYTES).';
    default:
      return 'check that the StatsD daemon is running and reachable.';
  }
}

/** The `code` of a Node error (`ECONNREFUSED`, `ENOTFOUND`...), or `error`. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

/** The message of an error, or the value as text. */
export function errorMessage(error: unknown): string {
  // Duck-typed: errors from Node's own modules fail `instanceof Error` across realms (vm, jest).
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
