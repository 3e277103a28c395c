/**
 * Moves packed StatsD payloads to the daemon. Implementations (UDP, TCP) live in
 * `platform/node/`; none of their methods throws or rejects, and none waits on the daemon
 * without a bound.
 */
export interface StatsdTransport {
  /**
   * Hands payloads (newline-joined lines, no trailing newline) to the wire: UDP resolves once the
   * datagrams are sent, TCP once they are queued. Undeliverable payloads are dropped and counted.
   */
  send(payloads: readonly string[]): Promise<void>;
  /** Resolves when queued payloads are written, or after a bounded wait when the daemon is away. */
  flush(): Promise<void>;
  /** Flushes briefly, then releases sockets and timers; later sends are dropped. */
  close(): Promise<void>;
}

/** Counters of one StatsD exporter. */
export interface StatsdExporterStats {
  /** Payloads (datagrams / TCP writes) handed to the operating system. */
  sentPayloads: number;
  /** StatsD lines dropped: daemon unreachable, queue full, or shut down. */
  droppedLines: number;
  /**
   * UDP datagrams the daemon's host refused (port closed). Their lines were counted as sent:
   * UDP learns of a refusal only after the fact and cannot say which datagram it was.
   */
  refusedDatagrams: number;
}
