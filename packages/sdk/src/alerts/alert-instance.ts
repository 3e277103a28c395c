/**
 * One alert as `handle.alerts.list()` shows it. Times are ms since the epoch.
 *
 * @example
 * ```ts
 * for (const alert of handle.alerts.list()) if (alert.state === 'firing') console.error(alert.rule, alert.labels, alert.value);
 * ```
 */
export interface AlertInstance {
  /** The rule's name (also the `alertname` label). */
  rule: string;
  /** `resolved` alerts are listed for 15 minutes after they stop firing, as Prometheus keeps them. */
  state: 'pending' | 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The expression's value at the last evaluation that had this alert. */
  value: number;
  /** First evaluation that had it (the start of `for`). */
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  /** A silence matches it: it is evaluated, not notified. */
  silenced: boolean;
}
