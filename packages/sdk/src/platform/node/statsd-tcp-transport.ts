import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { countLines } from '../../exporters/statsd/pack-statsd.js';
import { errorCode, errorMessage } from '../../exporters/statsd/statsd-delivery-log.js';
import type { StatsdDeliveryLog } from '../../exporters/statsd/statsd-delivery-log.js';
import type { StatsdTransport } from '../../exporters/statsd/statsd-transport.js';
import type { StatsdAddressResolver } from './statsd-address.js';

/** Limits of the TCP transport; the defaults suit production, tests shorten them. */
export interface StatsdTcpLimits {
  /** Bytes kept while the daemon is away or slow; the oldest lines go first. @default 1048576 */
  maxQueueBytes: number;
  /** @default 5000 */
  connectTimeoutMs: number;
  /** First reconnect delay, doubled per failure. @default 100 */
  backoffMinMs: number;
  /** @default 30000 */
  backoffMaxMs: number;
  /** Longest wait of `flush()` / `close()` for queued lines. @default 2000 */
  flushTimeoutMs: number;
}

const DEFAULT_LIMITS: StatsdTcpLimits = {
  maxQueueBytes: 1 << 20,
  connectTimeoutMs: 5000,
  backoffMinMs: 100,
  backoffMaxMs: 30_000,
  flushTimeoutMs: 2000,
};

/**
 * StatsD over TCP: newline-framed lines on one connection. Payloads go into a bounded queue and
 * are written while the socket accepts them; when the daemon is away the queue keeps the newest
 * `maxQueueBytes` while the transport reconnects with exponential backoff (the address is looked
 * up again after each failure). `send` never waits on the network.
 */
export class StatsdTcpTransport implements StatsdTransport {
  private readonly limits: StatsdTcpLimits;
  private readonly queue: { chunk: string; bytes: number }[] = [];
  private queueBytes = 0;
  private socket: Socket | undefined;
  private connected = false;
  private waitingDrain = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private closed = false;
  private flushWaiters: (() => void)[] = [];

  constructor(
    private readonly port: number,
    private readonly resolver: StatsdAddressResolver,
    private readonly log: StatsdDeliveryLog,
    limits: Partial<StatsdTcpLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.backoffMs = this.limits.backoffMinMs;
  }

  send(payloads: readonly string[]): Promise<void> {
    if (this.closed) {
      this.log.dropped(sumLines(payloads), 'shutdown', 'the exporter is shut down');
      return Promise.resolve();
    }
    let overflow = 0;
    for (const payload of payloads) {
      const chunk = payload + '\n';
      const bytes = Buffer.byteLength(chunk);
      this.queue.push({ chunk, bytes });
      this.queueBytes += bytes;
    }
    while (this.queueBytes > this.limits.maxQueueBytes) {
      const oldest = this.queue.shift();
      if (oldest === undefined) break;
      this.queueBytes -= oldest.bytes;
      overflow += countLines(oldest.chunk) - 1;
    }
    if (overflow > 0) {
      this.log.dropped(overflow, 'queue-full', `more than ${this.limits.maxQueueBytes} bytes waiting for the daemon`);
    }
    this.pump();
    return Promise.resolve();
  }

  flush(): Promise<void> {
    if (this.isFlushed() || !this.connected) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, this.limits.flushTimeoutMs);
      timer.unref();
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.flushWaiters.push(finish);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const left = this.queue.splice(0);
    this.queueBytes = 0;
    if (left.length > 0) {
      this.log.dropped(sumLines(left.map((entry) => entry.chunk.slice(0, -1))), 'shutdown', 'the daemon did not take them before shutdown');
    }
    const socket = this.socket;
    if (socket === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => socket.destroy(), this.limits.flushTimeoutMs);
      timer.unref();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.connected) socket.end();
      else socket.destroy();
    });
  }

  private isFlushed(): boolean {
    return this.queue.length === 0 && !this.waitingDrain;
  }

  private pump(): void {
    if (!this.connected || this.socket === undefined) {
      this.ensureConnecting();
      return;
    }
    while (!this.waitingDrain) {
      const next = this.queue.shift();
      if (next === undefined) break;
      this.queueBytes -= next.bytes;
      this.log.sent();
      if (!this.socket.write(next.chunk)) this.waitingDrain = true;
    }
    if (this.isFlushed()) this.flushWaiters.splice(0).forEach((done) => done());
  }

  private ensureConnecting(): void {
    if (this.closed || this.socket !== undefined || this.reconnectTimer !== undefined) return;
    if (this.queue.length === 0) return; // connect lazily: nothing to say yet
    void this.connectNow();
  }

  private async connectNow(): Promise<void> {
    let address: string;
    try {
      ({ address } = await this.resolver.resolve());
    } catch (error) {
      this.log.unavailable(errorCode(error), errorMessage(error));
      this.scheduleReconnect();
      return;
    }
    if (this.closed || this.socket !== undefined) return;
    const socket = connect({ host: address, port: this.port });
    this.socket = socket;
    socket.unref();
    socket.setNoDelay(true);
    socket.setTimeout(this.limits.connectTimeoutMs, () => {
      if (!this.connected) socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
    });
    socket.on('connect', () => {
      socket.setTimeout(0);
      this.connected = true;
      this.backoffMs = this.limits.backoffMinMs;
      this.pump();
    });
    socket.on('drain', () => {
      this.waitingDrain = false;
      this.pump();
    });
    socket.on('data', () => undefined); // StatsD daemons do not answer; keep the socket flowing
    let failure: Error | undefined;
    socket.on('error', (error) => {
      failure = error;
    });
    socket.on('close', () => {
      this.socket = undefined;
      this.connected = false;
      this.waitingDrain = false;
      this.flushWaiters.splice(0).forEach((done) => done());
      if (this.closed) return;
      this.resolver.invalidate();
      if (failure !== undefined) this.log.unavailable(errorCode(failure), errorMessage(failure));
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    const delay = this.backoffMs * (0.8 + Math.random() * 0.4); // jitter: peers do not retry in step
    this.backoffMs = Math.min(this.backoffMs * 2, this.limits.backoffMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.ensureConnecting();
    }, delay);
    this.reconnectTimer.unref();
  }
}

function sumLines(payloads: readonly string[]): number {
  return payloads.reduce((sum, payload) => sum + countLines(payload), 0);
}
