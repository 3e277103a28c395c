import type { Labels } from '../label-set.js';
import { sortLabels, sortedNames } from '../label-set.js';
import type { AlertNotification, NotificationAlert } from './notification-types.js';
import { rfc3339, ZERO_TIME } from './notification-types.js';

/** An alert as the dispatcher sees it after an evaluation (firing or resolved, not silenced). */
export interface DispatchedAlert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  firing: boolean;
  /** When it started firing, ms. */
  startsAt: number;
  /** When it resolved, ms (resolved alerts only). */
  endsAt: number | undefined;
  generatorURL: string;
}

/** Grouping and timing, as in an Alertmanager route. */
export interface GroupingOptions {
  /** Label names that make a group; `['...']` groups by all labels (one alert per group). */
  by: readonly string[];
  /** How long a new group waits before its first notification (to gather alerts that fire together). */
  waitMs: number;
  /** Least time between two notifications of a group about new or resolved alerts. */
  intervalMs: number;
  /** Time after which an unchanged firing group is notified again. */
  repeatIntervalMs: number;
}

interface Group {
  readonly key: string;
  readonly labels: Labels;
  readonly alerts: Map<string, DispatchedAlert>;
  nextFlushAt: number;
  /** What the last notification told: firing and resolved fingerprints, and when. */
  notified: { firing: Set<string>; resolved: Set<string>; at: number } | undefined;
}

/**
 * Alertmanager's grouping for the channels of this process (console, webhook, callback): alerts
 * are grouped by the `by` labels; a new group is notified after `wait`, then at most every
 * `interval` when an alert started firing or resolved, and every `repeatInterval` while nothing
 * changed but something fires (Alertmanager 0.25's dispatcher and dedup stage). A rule that flaps
 * thus costs at most one notification per group per `interval`.
 */
export class GroupDispatcher {
  private readonly options: GroupingOptions;
  private readonly externalUrl: string;
  private readonly groups = new Map<string, Group>();

  constructor(options: GroupingOptions, externalUrl = '') {
    this.options = options;
    this.externalUrl = externalUrl;
  }

  /** Takes the alerts of an evaluation at `now` and returns the notifications due (receiver unset). */
  update(alerts: readonly DispatchedAlert[], now: number): AlertNotification[] {
    for (const alert of alerts) {
      const labels = this.groupLabels(alert.labels);
      const key = `{}:${formatLabels(labels)}`;
      let group = this.groups.get(key);
      if (group === undefined) {
        if (!alert.firing) continue; // nobody was told it fired
        group = { key, labels, alerts: new Map(), nextFlushAt: now + this.options.waitMs, notified: undefined };
        this.groups.set(key, group);
      }
      group.alerts.set(alert.fingerprint, alert);
    }
    const due: AlertNotification[] = [];
    for (const group of this.groups.values()) {
      if (group.nextFlushAt > now) continue;
      group.nextFlushAt = now + this.options.intervalMs;
      const notification = this.flush(group, now);
      if (notification !== undefined) due.push(notification);
      if (group.alerts.size === 0) this.groups.delete(group.key);
    }
    return due;
  }

  private flush(group: Group, now: number): AlertNotification | undefined {
    const alerts = [...group.alerts.values()];
    const firing = new Set(alerts.filter((alert) => alert.firing).map((alert) => alert.fingerprint));
    const resolved = new Set(alerts.filter((alert) => !alert.firing).map((alert) => alert.fingerprint));
    const send = this.needsUpdate(group, firing, resolved, now);
    // Resolved alerts leave the group once a flush has seen them, notified or not (as in Alertmanager).
    for (const fingerprint of resolved) group.alerts.delete(fingerprint);
    if (!send) return undefined;
    group.notified = { firing, resolved, at: now };
    return this.notification(group, alerts);
  }

  /** Alertmanager's `DedupStage.needsUpdate`, with resolved notifications on. */
  private needsUpdate(group: Group, firing: Set<string>, resolved: Set<string>, now: number): boolean {
    const last = group.notified;
    if (last === undefined) return firing.size > 0;
    if (![...firing].every((fingerprint) => last.firing.has(fingerprint))) return true;
    if (firing.size === 0) return last.firing.size > 0;
    if (![...resolved].every((fingerprint) => last.resolved.has(fingerprint))) return true;
    return last.at < now - this.options.repeatIntervalMs;
  }

  private notification(group: Group, alerts: DispatchedAlert[]): AlertNotification {
    const payload: NotificationAlert[] = alerts.map((alert) => ({
      status: alert.firing ? 'firing' : 'resolved',
      labels: sortLabels(alert.labels),
      annotations: sortLabels(alert.annotations),
      startsAt: rfc3339(alert.startsAt),
      endsAt: alert.endsAt === undefined ? ZERO_TIME : rfc3339(alert.endsAt),
      generatorURL: alert.generatorURL,
      fingerprint: alert.fingerprint,
    }));
    return {
      version: '4',
      groupKey: group.key,
      truncatedAlerts: 0,
      status: payload.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
      receiver: '',
      groupLabels: sortLabels(group.labels),
      commonLabels: common(alerts.map((alert) => alert.labels)),
      commonAnnotations: common(alerts.map((alert) => alert.annotations)),
      externalURL: this.externalUrl,
      alerts: payload,
    };
  }

  private groupLabels(labels: Labels): Labels {
    if (this.options.by.includes('...')) return { ...labels };
    const result: Labels = {};
    for (const name of this.options.by) if (labels[name] !== undefined) result[name] = labels[name];
    return result;
  }
}

/** The labels every set has with the same value. */
function common(sets: readonly Labels[]): Labels {
  const [first, ...rest] = sets;
  if (first === undefined) return {};
  const result: Labels = {};
  for (const name of sortedNames(first)) if (rest.every((set) => set[name] === first[name])) result[name] = first[name]!;
  return result;
}

/** `{a="x", b="y"}` as Alertmanager prints group keys. */
function formatLabels(labels: Labels): string {
  return `{${sortedNames(labels)
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ')}}`;
}
