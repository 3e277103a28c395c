import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { countLines } from '../../exporters/statsd/pack-statsd.js';
import { errorCode, errorMessage } from '../../exporters/statsd/statsd-delivery-log.js';
import type { StatsdDeliveryLog } from '../../exporters/statsd/statsd-delivery-log.js';
import type { StatsdTransport } from '../../exporters/statsd/statsd-transport.js';
import type { StatsdAddressResolver } from './statsd-address.js';

/** Datagrams accepted but not yet handed to the OS; beyond this, new ones are dropped. */
const MAX_IN_FLIGHT = 1024;

interface UdpChannel {
  socket: Socket;
  pending: number;
  retired: boolean;
}

/**
 * StatsD over UDP: one datagram per payload on a *connected* socket, so the OS reports a closed
 * daemon port (ICMP port unreachable) as `ECONNREFUSED` instead of losing datagrams silently.
 * A refusal or send error retires the socket and forgets the resolved address; the next send
 * looks the host up again and opens a new socket. Sends never wait on the daemon.
 */
export class StatsdUdpTransport implements StatsdTransport {
  private channel: UdpChannel | undefined;
  private opening: Promise<UdpChannel> | undefined;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly port: number,
    private readonly resolver: StatsdAddressResolver,
    private readonly log: StatsdDeliveryLog,
  ) {}

  async send(payloads: readonly string[]): Promise<void> {
    if (payloads.length === 0) return;
    if (this.closed) return this.drop(payloads, 'shutdown', 'the exporter is shut down');
    const room = Math.max(0, MAX_IN_FLIGHT - this.inFlight);
    if (room < payloads.length) {
      this.drop(payloads.slice(room), 'queue-full', `more than ${MAX_IN_FLIGHT} datagrams waiting to be sent`);
      payloads = payloads.slice(0, room);
      if (payloads.length === 0) return;
    }
    this.inFlight += payloads.length;
    try {
      let channel: UdpChannel;
      try {
        channel = await this.open();
      } catch (error) {
        this.resolver.invalidate();
        return this.drop(payloads, errorCode(error), errorMessage(error));
      }
      await Promise.all(payloads.map((payload) => this.sendOne(channel, payload)));
    } finally {
      this.inFlight -= payloads.length;
      if (this.inFlight === 0) this.idle.splice(0).forEach((wake) => wake());
    }
  }

  flush(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.channel !== undefined) this.retire(this.channel);
    this.channel = undefined;
  }

  private sendOne(channel: UdpChannel, payload: string): Promise<void> {
    channel.pending++;
    return new Promise<void>((resolve) => {
      const done = (error: Error | null): void => {
        if (error) {
          this.drop([payload], errorCode(error), errorMessage(error));
          this.fail(channel);
        } else this.log.sent();
        channel.pending--;
        if (channel.retired && channel.pending === 0) closeQuietly(channel.socket);
        resolve();
      };
      try {
        channel.socket.send(payload, done);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private open(): Promise<UdpChannel> {
    if (this.channel !== undefined) return Promise.resolve(this.channel);
    this.opening ??= this.connect().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async connect(): Promise<UdpChannel> {
    const { address, family } = await this.resolver.resolve();
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    const channel: UdpChannel = { socket, pending: 0, retired: false };
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(this.port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    }).catch((error: unknown) => {
      closeQuietly(socket);
      throw error;
    });
    // Later errors are refusals of earlier datagrams (recvmsg ECONNREFUSED) or socket failures.
    socket.on('error', (error) => {
      this.log.refused(errorCode(error), errorMessage(error));
      this.fail(channel);
    });
    socket.unref();
    this.channel = channel;
    return channel;
  }

  /** A failed socket is replaced at the next send, and the host is looked up again. */
  private fail(channel: UdpChannel): void {
    if (this.channel === channel) this.channel = undefined;
    this.resolver.invalidate();
    this.retire(channel);
  }

  private retire(channel: UdpChannel): void {
    if (channel.retired) return;
    channel.retired = true;
    if (channel.pending === 0) closeQuietly(channel.socket);
  }

  private drop(payloads: readonly string[], problem: string, detail: string): void {
    const lines = payloads.reduce((sum, payload) => sum + countLines(payload), 0);
    this.log.dropped(lines, problem, detail);
  }
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
