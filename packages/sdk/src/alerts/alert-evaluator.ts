import { diag } from '@opentelemetry/api';
import type { Cancel, Clock } from '../clock/clock.js';
import type { HistoryStore } from '../history/history-store.js';
import type { AlertChannels } from './alert-channels.js';
import type { AlertInstance } from './alert-instance.js';
import { CompiledExpression } from './expression/evaluate-expression.js';
import { GroupDispatcher } from './notify/group-dispatcher.js';
import type { DispatchedAlert } from './notify/group-dispatcher.js';
import type { PostableAlert } from './notify/notification-types.js';
import { rfc3339 } from './notify/notification-types.js';
import type { ResolvedAlertRule, ResolvedAlerts } from './resolved-alerts.js';
import type { ActiveAlert } from './rule-state.js';
import { RuleState } from './rule-state.js';
import { Silences } from './silences.js';
import { kindMismatch } from './kind-mismatch.js';

interface Rule {
  readonly config: ResolvedAlertRule;
  readonly expression: CompiledExpression;
  readonly state: RuleState;
  warned: boolean;
  lastError: string | undefined;
}

/**
 * Evaluates the rules over the history every `evaluationInterval`, with Prometheus' alert states,
 * and notifies: Alertmanager channels get the alerts due as Prometheus sends them; the other
 * channels get Alertmanager-style grouped notifications. Evaluation never waits for a channel.
 */
export class AlertEvaluator {
  readonly silences = new Silences();
  private readonly config: ResolvedAlerts;
  private readonly store: HistoryStore;
  private readonly clock: Clock;
  private readonly channels: AlertChannels;
  private readonly dispatcher: GroupDispatcher;
  private readonly rules: Rule[];
  private cancel: Cancel | undefined;

  constructor(options: { config: ResolvedAlerts; store: HistoryStore; clock: Clock; channels: AlertChannels }) {
    this.config = options.config;
    this.store = options.store;
    this.clock = options.clock;
    this.channels = options.channels;
    this.dispatcher = new GroupDispatcher(
      { by: this.config.group.by, waitMs: this.config.group.waitMs, intervalMs: this.config.group.intervalMs, repeatIntervalMs: this.config.group.repeatIntervalMs },
      this.config.externalUrl,
    );
    this.rules = this.config.rules.map((config) => ({
      config,
      expression: new CompiledExpression(config.expr),
      state: new RuleState({
        name: config.name,
        labels: { ...config.labels, severity: config.severity },
        annotations: config.annotations,
        holdMs: config.forMs,
        keepFiringForMs: config.keepFiringForMs,
      }),
      warned: false,
      lastError: undefined,
    }));
  }

  start(): void {
    this.cancel ??= this.clock.every(this.config.evaluationIntervalMs, () => this.evaluate());
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Evaluates every rule now and hands out what is due. Never throws. */
  evaluate(): void {
    const now = this.clock.now();
    for (const rule of this.rules) {
      try {
        rule.state.apply(rule.expression.evaluate(this.store, now), now);
        rule.lastError = undefined;
        this.checkKinds(rule);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (rule.lastError === undefined) diag.warn(`mcp-otel: evaluating alert rule ${rule.config.name} failed: ${message}`);
        rule.lastError = message;
      }
    }
    this.sendToAlertmanagers(now);
    this.notifyGroups(now);
  }

  /** Every alert held now: pending, firing and recently resolved. */
  list(): AlertInstance[] {
    const now = this.clock.now();
    return this.rules.flatMap((rule) => rule.state.alerts().map((alert) => instance(rule.config.name, alert, this.silences.isSilenced(alert.labels, now))));
  }

  /** Resolves when every channel has tried everything queued (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.channels.grouped, ...this.channels.alertmanagers].map((runner) => runner.idle()));
  }

  /** Firing alerts per rule, for the `mcp_otel.alerts.firing` gauge. */
  firingByRule(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const rule of this.rules) counts.set(rule.config.name, rule.state.alerts().filter((alert) => alert.state === 'firing').length);
    return counts;
  }

  private sendToAlertmanagers(now: number): void {
    if (this.channels.alertmanagers.length === 0) return;
    const batch: PostableAlert[] = [];
    for (const rule of this.rules) {
      for (const alert of rule.state.toSend(now, this.config.resendDelayMs, this.config.evaluationIntervalMs)) {
        if (this.silences.isSilenced(alert.labels, now)) continue;
        const postable: PostableAlert = {
          labels: { ...alert.labels },
          annotations: { ...alert.annotations },
          startsAt: rfc3339(alert.firedAt ?? alert.activeAt),
          endsAt: rfc3339(alert.resolvedAt ?? alert.validUntil ?? now),
        };
        if (this.config.externalUrl !== '') postable.generatorURL = this.config.externalUrl;
        batch.push(postable);
      }
    }
    if (batch.length > 0) for (const runner of this.channels.alertmanagers) runner.enqueue(batch);
  }

  private notifyGroups(now: number): void {
    if (this.channels.grouped.length === 0) return;
    const alerts: DispatchedAlert[] = [];
    for (const rule of this.rules) {
      for (const alert of rule.state.alerts()) {
        if (alert.state === 'pending' || alert.firedAt === undefined || this.silences.isSilenced(alert.labels, now)) continue;
        alerts.push({
          fingerprint: alert.fingerprint,
          labels: alert.labels,
          annotations: alert.annotations,
          firing: alert.state === 'firing',
          startsAt: alert.firedAt,
          endsAt: alert.resolvedAt,
          generatorURL: this.config.externalUrl,
        });
      }
    }
    for (const notification of this.dispatcher.update(alerts, now)) for (const runner of this.channels.grouped) runner.enqueue(notification);
  }

  /** A rule that reads a metric of another kind than it expects sees no data: say why, once. */
  private checkKinds(rule: Rule): void {
    if (rule.warned) return;
    const problem = kindMismatch(rule.expression, this.store);
    if (problem === undefined) return;
    rule.warned = true;
    diag.warn(`mcp-otel: alert rule ${rule.config.name}: ${problem}`);
  }
}

function instance(rule: string, alert: ActiveAlert, silenced: boolean): AlertInstance {
  const result: AlertInstance = {
    rule,
    state: alert.state === 'inactive' ? 'resolved' : alert.state,
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    value: alert.value,
    activeAt: alert.activeAt,
    silenced,
  };
  if (alert.firedAt !== undefined) result.firedAt = alert.firedAt;
  if (alert.resolvedAt !== undefined) result.resolvedAt = alert.resolvedAt;
  return result;
}
