import type { AlertExpression } from './alert-rule-types.js';
import type { AlertCallback } from './notify/callback-channel.js';

/**
 * The `alerts` configuration after validation and defaults: durations in ms, every notifier with
 * its name. `create`-style code and the evaluator take only this shape.
 */

/** A resolved rule. */
export interface ResolvedAlertRule {
  name: string;
  expr: AlertExpression;
  forMs: number;
  keepFiringForMs: number;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A resolved notifier; `name` is unique among the notifiers. */
export type ResolvedNotifier =
  | { type: 'console'; name: string }
  | {
      type: 'webhook';
      name: string;
      url: string;
      headers: Record<string, string>;
      timeoutMs: number;
      retries: number;
      backoffMs: number;
      secret: string | undefined;
      signatureHeader: string;
    }
  | { type: 'alertmanager'; name: string; url: string; headers: Record<string, string>; timeoutMs: number }
  | { type: 'callback'; name: string; callback: AlertCallback; timeoutMs: number };

/** Grouping of the notifications of console, webhook and callback channels. */
export interface ResolvedGrouping {
  by: string[];
  waitMs: number;
  intervalMs: number;
  repeatIntervalMs: number;
}

/** The resolved `alerts` key. */
export interface ResolvedAlerts {
  evaluationIntervalMs: number;
  resendDelayMs: number;
  externalUrl: string;
  rules: ResolvedAlertRule[];
  notify: ResolvedNotifier[];
  group: ResolvedGrouping;
}
