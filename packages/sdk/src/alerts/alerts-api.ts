import type { DurationInput } from '../config/types.js';
import { parseDuration } from '../config/duration.js';
import type { Clock } from '../clock/clock.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { AlertEvaluator } from './alert-evaluator.js';
import type { AlertInstance } from './alert-instance.js';
import type { PrometheusRules, PrometheusRulesOptions } from './prometheus/to-prometheus-rules.js';
import { rulesFromResolvedConfig } from './prometheus/to-prometheus-rules.js';
import type { Silence } from './silences.js';

/** Arguments of `handle.alerts.silence`. */
export interface SilenceInput {
  /** Label names to exact values; an alert with all of them is silenced, e.g. `{ alertname: 'FlakyToolErrors' }`. */
  matchers: Record<string, string>;
  /** How long from now. Give this or `until`. */
  duration?: DurationInput;
  /** End time, ms since the epoch. */
  until?: number;
  comment?: string;
}

/**
 * The alerts of a handle (`handle.alerts`).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 *
 * const firing = handle.alerts.list().filter((alert) => alert.state === 'firing');
 * handle.alerts.silence({ matchers: { alertname: 'FlakyToolErrors' }, duration: '1h', comment: 'deploying a fix' });
 * writeFileSync('mcp-otel.rules.yml', handle.alerts.toPrometheusRules().yaml);
 * ```
 */
export interface AlertsApi {
  /** Whether rules are configured. */
  readonly enabled: boolean;
  /** Pending, firing and recently resolved alerts. */
  list(): AlertInstance[];
  /** Stops notifications of matching alerts until the silence ends (they are still evaluated and listed). */
  silence(input: SilenceInput): Silence;
  /** Ends a silence now; `false` when there is no such silence. */
  expireSilence(id: string): boolean;
  /** The silences in force. */
  silences(): Silence[];
  /** Evaluates every rule now (besides every `evaluationInterval`). */
  evaluate(): Promise<void>;
  /** Resolves once every notification handed out so far was delivered or given up. */
  flush(): Promise<void>;
  /** The rules as a Prometheus rules file, named with the units the history has seen. */
  toPrometheusRules(options?: PrometheusRulesOptions): PrometheusRules;
}

/** `handle.alerts` over an evaluator. */
export class EvaluatorAlertsApi implements AlertsApi {
  readonly enabled = true;
  private readonly evaluator: AlertEvaluator;
  private readonly clock: Clock;
  private readonly config: ResolvedConfig;
  private readonly unitsSeen: () => Record<string, string>;

  constructor(options: { evaluator: AlertEvaluator; clock: Clock; config: ResolvedConfig; unitsSeen: () => Record<string, string> }) {
    this.evaluator = options.evaluator;
    this.clock = options.clock;
    this.config = options.config;
    this.unitsSeen = options.unitsSeen;
  }

  list(): AlertInstance[] {
    return this.evaluator.list();
  }

  silence(input: SilenceInput): Silence {
    const now = this.clock.now();
    const endsAt = input.until ?? (input.duration === undefined ? undefined : now + parseDuration(input.duration, 'silence duration'));
    if (endsAt === undefined || !(endsAt > now)) throw new RangeError('mcp-otel: a silence needs a positive `duration` or an `until` in the future');
    if (Object.keys(input.matchers ?? {}).length === 0) throw new RangeError('mcp-otel: a silence needs at least one matcher, e.g. { alertname: "FlakyToolErrors" }');
    return this.evaluator.silences.add(input.matchers, now, endsAt, input.comment);
  }

  expireSilence(id: string): boolean {
    return this.evaluator.silences.expire(id);
  }

  silences(): Silence[] {
    return this.evaluator.silences.active(this.clock.now());
  }

  evaluate(): Promise<void> {
    this.evaluator.evaluate();
    return Promise.resolve();
  }

  flush(): Promise<void> {
    return this.evaluator.idle();
  }

  toPrometheusRules(options: PrometheusRulesOptions = {}): PrometheusRules {
    return rulesFromResolvedConfig(this.config, { ...options, units: { ...this.unitsSeen(), ...options.units } });
  }
}

/** `handle.alerts` without rules. */
export function disabledAlerts(config: ResolvedConfig): AlertsApi {
  return {
    enabled: false,
    list: () => [],
    silence: () => {
      throw new RangeError('mcp-otel: no alert rules are configured (alerts.rules), so there is nothing to silence');
    },
    expireSilence: () => false,
    silences: () => [],
    evaluate: () => Promise.resolve(),
    flush: () => Promise.resolve(),
    toPrometheusRules: (options) => rulesFromResolvedConfig(config, options),
  };
}
