import type { AlertExpression } from '../alerts/alert-rule-types.js';
import type { ResolvedAlerts, ResolvedNotifier } from '../alerts/resolved-alerts.js';
import type { AlertsConfig, NotifierConfig } from './alerts-config.js';
import type { ConfigIssue } from './config-error.js';
import { durationToMs } from './duration.js';
import type { ResolvedRetention } from './retention-config.js';
import { RETENTION_DEFAULTS, sizedRetention } from './retention-config.js';

/** Defaults of `alerts`, as documented on `AlertsConfig`. */
export const ALERTS_DEFAULTS = {
  notify: [{ type: 'console' }] as const,
  groupBy: ['alertname'],
  groupWaitMs: 0,
  groupIntervalMs: 60_000,
  repeatIntervalMs: 4 * 3_600_000,
  resendDelayMs: 60_000,
  notifierTimeoutMs: 10_000,
  webhookRetries: 3,
  webhookBackoffMs: 1_000,
  signatureHeader: 'X-MCP-OTel-Signature',
} as const;

const ms = (value: string | number | undefined, fallback: number): number => (value === undefined ? undefined : durationToMs(value)) ?? fallback;

/** Expression types that need two samples in their window (a rate), and those that need one. */
const RATE_TYPES = new Set<AlertExpression['type']>(['rate', 'increase', 'ratio', 'quantile']);

/** The window of an expression, ms (0 for instant expressions). */
export function windowMs(expr: AlertExpression): number {
  return 'window' in expr && expr.window !== undefined ? ms(expr.window, 0) : 0;
}

/**
 * The history the alerts need when `retention` is not set: points every evaluation interval,
 * reaching one interval past the longest window.
 */
export function retentionForAlerts(config: AlertsConfig, maxSeries: number): ResolvedRetention {
  const resolutionMs = ms(config.evaluationInterval, RETENTION_DEFAULTS.resolutionMs);
  const longest = Math.max(resolutionMs, ...config.rules.map((rule) => windowMs(rule.expr)));
  return sizedRetention(longest + resolutionMs, resolutionMs, maxSeries);
}

/** Applies every default of `alerts`; the history's resolution is the default evaluation interval. */
export function normalizeAlerts(config: AlertsConfig, history: ResolvedRetention): ResolvedAlerts {
  const group = config.group ?? {};
  return {
    evaluationIntervalMs: ms(config.evaluationInterval, history.resolutionMs),
    resendDelayMs: ms(config.resendDelay, ALERTS_DEFAULTS.resendDelayMs),
    externalUrl: config.externalUrl ?? '',
    rules: config.rules.map((rule) => ({
      name: rule.name,
      expr: rule.expr,
      forMs: ms(rule.for, 0),
      keepFiringForMs: ms(rule.keepFiringFor, 0),
      severity: rule.severity,
      labels: { ...rule.labels },
      annotations: { ...rule.annotations },
    })),
    notify: normalizeNotifiers(config.notify ?? ALERTS_DEFAULTS.notify),
    group: {
      by: [...(group.by ?? ALERTS_DEFAULTS.groupBy)],
      waitMs: ms(group.wait, ALERTS_DEFAULTS.groupWaitMs),
      intervalMs: ms(group.interval, ALERTS_DEFAULTS.groupIntervalMs),
      repeatIntervalMs: ms(group.repeatInterval, ALERTS_DEFAULTS.repeatIntervalMs),
    },
  };
}

function normalizeNotifiers(notifiers: readonly NotifierConfig[]): ResolvedNotifier[] {
  const seen = new Map<string, number>();
  return notifiers.map((notifier) => {
    const count = (seen.get(notifier.type) ?? 0) + 1;
    seen.set(notifier.type, count);
    const name = notifier.name ?? (count === 1 ? notifier.type : `${notifier.type}-${count}`);
    const timeoutMs = notifier.type === 'console' ? 0 : ms(notifier.timeout, ALERTS_DEFAULTS.notifierTimeoutMs);
    switch (notifier.type) {
      case 'console':
        return { type: 'console', name };
      case 'webhook':
        return {
          type: 'webhook',
          name,
          url: notifier.url,
          headers: { ...notifier.headers },
          timeoutMs,
          retries: notifier.retries ?? ALERTS_DEFAULTS.webhookRetries,
          backoffMs: ms(notifier.backoff, ALERTS_DEFAULTS.webhookBackoffMs),
          secret: notifier.secret,
          signatureHeader: notifier.signatureHeader ?? ALERTS_DEFAULTS.signatureHeader,
        };
      case 'alertmanager':
        return { type: 'alertmanager', name, url: notifier.url, headers: { ...notifier.headers }, timeoutMs };
      case 'callback':
        return { type: 'callback', name, callback: notifier.callback, timeoutMs };
    }
  });
}

/** What `alertsIssues` found, with the rules and notifiers (by index) that cannot work as written. */
export interface AlertsCheck {
  issues: ConfigIssue[];
  badRules: Set<number>;
  badNotifiers: Set<number>;
}

/**
 * What the schema of one field cannot see: rule names used twice, labels that the rule's own
 * fields own, windows the history cannot serve (too short for two points, or longer than it
 * reaches), notifier names used twice. `path` turns segments below `alerts` into issue paths.
 */
export function alertsIssues(config: AlertsConfig, history: ResolvedRetention, retentionIsExplicit: boolean, path: (segments: PropertyKey[]) => string): AlertsCheck {
  const issues: ConfigIssue[] = [];
  const badRules = new Set<number>();
  const badNotifiers = new Set<number>();
  const ruleIssue = (index: number, found: ConfigIssue) => {
    issues.push(found);
    badRules.add(index);
  };
  const names = new Map<string, number>();
  config.rules.forEach((rule, index) => {
    const first = names.get(rule.name);
    if (first !== undefined) {
      ruleIssue(index, issue(path(['rules', index, 'name']), rule.name, 'a rule name not used by another rule', `rule name "${rule.name}" is already used by rules[${first}]; give each rule its own name`));
    } else {
      names.set(rule.name, index);
    }
    for (const reserved of ['alertname', 'severity']) {
      if (rule.labels?.[reserved] === undefined) continue;
      const fix = reserved === 'severity' ? 'set the rule\'s "severity" field instead' : 'the rule\'s "name" is the alertname';
      ruleIssue(index, issue(path(['rules', index, 'labels', reserved]), rule.labels[reserved], `no "${reserved}" label`, `"${reserved}" cannot be set in labels: ${fix}`));
    }
    const window = windowMs(rule.expr);
    if (window === 0) return;
    const needed = RATE_TYPES.has(rule.expr.type) ? 2 * history.resolutionMs : history.resolutionMs;
    const where = path(['rules', index, 'expr', 'window']);
    if (window < needed) {
      const what = RATE_TYPES.has(rule.expr.type) ? `two history points (2 × resolution ${history.resolutionMs} ms)` : `one history point (resolution ${history.resolutionMs} ms)`;
      ruleIssue(index, issue(where, (rule.expr as { window: unknown }).window, `a window of at least ${needed} ms`, `the window must hold ${what}, or the rule never sees data; widen the window or lower retention.resolution`));
    } else if (retentionIsExplicit && window > history.maxAgeMs) {
      ruleIssue(index, issue(where, (rule.expr as { window: unknown }).window, `a window of at most retention.maxAge (${history.maxAgeMs} ms)`, 'the history does not reach that far back; raise retention.maxAge or shorten the window'));
    }
  });
  const channelNames = new Set<string>();
  (config.notify ?? []).forEach((notifier, index) => {
    if (notifier.name === undefined) return;
    if (channelNames.has(notifier.name)) {
      issues.push(issue(path(['notify', index, 'name']), notifier.name, 'a channel name not used by another notifier', `notifier name "${notifier.name}" is used twice`));
      badNotifiers.add(index);
    }
    channelNames.add(notifier.name);
  });
  return { issues, badRules, badNotifiers };
}

function issue(path: string, value: unknown, expected: string, message: string): ConfigIssue {
  return { path, value, expected, message };
}
