/** How attributes travel in StatsD lines. */
export type StatsdTagStyle = 'dogstatsd' | 'graphite' | 'none';

/** The wire protocol to the StatsD daemon. */
export type StatsdProtocol = 'udp' | 'tcp';

/**
 * Everything the StatsD exporter needs, every default already applied (the resolved
 * `{ type: 'statsd' }` exporter config has this shape).
 */
export interface StatsdExporterOptions {
  /** Daemon host name or IP address. */
  host: string;
  /** Daemon port. */
  port: number;
  /** `udp`: datagrams of up to `maxPacketBytes`; `tcp`: newline-framed stream with reconnect. */
  protocol: StatsdProtocol;
  /** Prepended to every metric name, joined with a `.` unless it already ends with one. */
  prefix: string;
  /** `dogstatsd`: `|#k:v,...`; `graphite`: `name;k=v;...`; `none`: attributes dropped. */
  tags: StatsdTagStyle;
  /** Largest payload (bytes) of one datagram or TCP write; lines are never split. */
  maxPacketBytes: number;
}
