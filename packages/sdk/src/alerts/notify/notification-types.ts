/**
 * What channels receive: the Alertmanager webhook payload (version 4), so a receiver written for
 * Alertmanager works unchanged, and what Prometheus posts to Alertmanager's `/api/v2/alerts`.
 */

/** One alert in a webhook notification (Alertmanager's `template.Alert`). */
export interface NotificationAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** RFC 3339. */
  startsAt: string;
  /** RFC 3339; `0001-01-01T00:00:00Z` while firing, as Alertmanager sends it. */
  endsAt: string;
  generatorURL: string;
  /** Alertmanager's fingerprint of the labels (16 hex digits). */
  fingerprint: string;
}

/**
 * A notification for one group of alerts: Alertmanager's webhook payload, version 4.
 *
 * @example
 * ```json
 * { "version": "4", "status": "firing", "receiver": "webhook", "groupKey": "{}:{alertname=\"FlakyToolErrors\"}",
 *   "truncatedAlerts": 0, "groupLabels": { "alertname": "FlakyToolErrors" }, "commonLabels": { ... },
 *   "commonAnnotations": { ... }, "externalURL": "", "alerts": [ { "status": "firing", ... } ] }
 * ```
 */
export interface AlertNotification {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  /** `firing` when any alert of the group fires, else `resolved`. */
  status: 'firing' | 'resolved';
  /** The channel's name. */
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: NotificationAlert[];
}

/** One alert as posted to Alertmanager's `/api/v2/alerts` (a `PostableAlert`). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/** A channel: delivers one thing, resolves when done, rejects when it failed (after its own retries). */
export interface NotificationChannel<T> {
  /** Names the channel in metrics, payloads (`receiver`) and warnings: never a secret. */
  readonly name: string;
  deliver(item: T): Promise<void>;
}

/** RFC 3339 with milliseconds, as Go's time formatting in JSON gives it. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** Go's zero time, which Alertmanager puts in `endsAt` of a firing alert. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';
