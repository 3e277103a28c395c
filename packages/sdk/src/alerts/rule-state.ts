import type { LabeledSample } from './expression/evaluate-expression.js';
import { expandTemplate } from './expand-template.js';
import type { Labels } from './label-set.js';
import { fingerprint } from './label-set.js';

/** How long a resolved alert is kept (and re-sent as resolved), as in Prometheus. */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

/** The state of one alert of a rule. `inactive` means resolved (kept for a while to report it). */
export type AlertState = 'pending' | 'firing' | 'inactive';

/** One alert: a label set of a rule's result, with Prometheus' bookkeeping. Times in ms. */
export interface ActiveAlert {
  readonly labels: Labels;
  readonly fingerprint: string;
  annotations: Labels;
  value: number;
  state: AlertState;
  activeAt: number;
  firedAt: number | undefined;
  resolvedAt: number | undefined;
  keepFiringSince: number | undefined;
  lastSentAt: number | undefined;
  validUntil: number | undefined;
}

/** What a rule needs to turn results into alerts. */
export interface RuleDefinition {
  name: string;
  /** Rule labels, `severity` included (templates allowed, as in Prometheus). */
  labels: Labels;
  annotations: Labels;
  holdMs: number;
  keepFiringForMs: number;
}

/**
 * The alerts of one rule, moved through `pending -> firing -> inactive (resolved)` by each
 * evaluation exactly as Prometheus 2.42's `AlertingRule.Eval` (rules/alerting.go) moves them:
 * `for` counts from the first evaluation that had the series; `keepFiringFor` keeps a firing alert
 * up after its series left the result, and restarts whenever the series comes back; a resolved
 * alert is kept `RESOLVED_RETENTION_MS`, and one that comes back starts over as pending.
 */
export class RuleState {
  readonly rule: RuleDefinition;
  private readonly active = new Map<string, ActiveAlert>();

  constructor(rule: RuleDefinition) {
    this.rule = rule;
  }

  /** Applies the result of one evaluation at `ts`. Throws when two results end up with the same labels. */
  apply(results: readonly LabeledSample[], ts: number): void {
    const seen = new Map<string, ActiveAlert>();
    for (const { labels: resultLabels, value } of results) {
      const labels: Labels = { ...resultLabels };
      delete labels.__name__;
      for (const [name, text] of Object.entries(this.rule.labels)) labels[name] = expandTemplate(text, resultLabels, value);
      labels.alertname = this.rule.name;
      const annotations: Labels = {};
      for (const [name, text] of Object.entries(this.rule.annotations)) annotations[name] = expandTemplate(text, resultLabels, value);
      const key = fingerprint(labels);
      if (seen.has(key)) throw new Error(`rule ${this.rule.name}: two results have the same labels after the rule's labels were applied`);
      seen.set(key, newAlert(labels, key, annotations, value, ts));
    }

    for (const [key, alert] of seen) {
      const existing = this.active.get(key);
      if (existing !== undefined && existing.state !== 'inactive') {
        existing.value = alert.value;
        existing.annotations = alert.annotations;
        continue;
      }
      this.active.set(key, alert);
    }

    for (const [key, alert] of this.active) {
      if (!seen.has(key)) {
        let keepFiring = false;
        if (alert.state === 'firing' && this.rule.keepFiringForMs > 0) {
          alert.keepFiringSince ??= ts;
          keepFiring = ts - alert.keepFiringSince < this.rule.keepFiringForMs;
        }
        if (alert.state === 'pending' || (alert.resolvedAt !== undefined && ts - alert.resolvedAt > RESOLVED_RETENTION_MS)) this.active.delete(key);
        if (alert.state !== 'inactive' && !keepFiring) {
          alert.state = 'inactive';
          alert.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        alert.keepFiringSince = undefined;
      }
      if (alert.state === 'pending' && ts - alert.activeAt >= this.rule.holdMs) {
        alert.state = 'firing';
        alert.firedAt = ts;
      }
    }
  }

  /** Every alert held: pending, firing and recently resolved. */
  alerts(): ActiveAlert[] {
    return [...this.active.values()];
  }

  /**
   * The alerts to send to Alertmanager at `ts`, as Prometheus' `sendAlerts` picks them: firing ones
   * every `resendDelayMs` (valid for four intervals), resolved ones once more after resolving.
   */
  toSend(ts: number, resendDelayMs: number, intervalMs: number): ActiveAlert[] {
    const out: ActiveAlert[] = [];
    for (const alert of this.active.values()) {
      if (!needsSending(alert, ts, resendDelayMs)) continue;
      alert.lastSentAt = ts;
      alert.validUntil = ts + 4 * Math.max(resendDelayMs, intervalMs);
      out.push({ ...alert });
    }
    return out;
  }
}

function newAlert(labels: Labels, key: string, annotations: Labels, value: number, ts: number): ActiveAlert {
  return {
    labels,
    fingerprint: key,
    annotations,
    value,
    state: 'pending',
    activeAt: ts,
    firedAt: undefined,
    resolvedAt: undefined,
    keepFiringSince: undefined,
    lastSentAt: undefined,
    validUntil: undefined,
  };
}

function needsSending(alert: ActiveAlert, ts: number, resendDelayMs: number): boolean {
  if (alert.state === 'pending') return false;
  if (alert.resolvedAt !== undefined && (alert.lastSentAt === undefined || alert.resolvedAt > alert.lastSentAt)) return true;
  return alert.lastSentAt === undefined || alert.lastSentAt + resendDelayMs < ts;
}
