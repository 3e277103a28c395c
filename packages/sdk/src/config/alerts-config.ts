import * as z from 'zod/mini';
import type { AlertRule } from '../alerts/alert-rule-types.js';
import type { AlertCallback } from '../alerts/notify/callback-channel.js';
import { described, duration, expecting, httpUrl, integer, matching, nonEmptyString, oneOf, optional, rate, record } from './schema-fields.js';
import type { DurationInput } from './types.js';

/** Writes each notification to stderr, one line per alert. */
export interface ConsoleNotifierConfig {
  type: 'console';
  /** Names the channel in metrics and warnings (and `receiver` in payloads). @default the type, numbered from the second of a type */
  name?: string;
}

/** POSTs each notification as Alertmanager's webhook payload (version 4). */
export interface WebhookNotifierConfig {
  type: 'webhook';
  name?: string;
  /** The receiver's URL. Credentials in it are never printed. */
  url: string;
  /** Extra headers, e.g. an `Authorization`. Never printed. @default {} */
  headers?: Record<string, string>;
  /** Deadline of one attempt. @default "10s" */
  timeout?: DurationInput;
  /** Attempts after the first, on network errors, timeouts, 5xx and 429. @default 3 */
  retries?: number;
  /** Wait before the first retry, doubled for each further one. @default "1s" */
  backoff?: DurationInput;
  /** Key of an HMAC-SHA256 signature of the body (`sha256=<hex>` in `signatureHeader`). Never printed. @default none: unsigned */
  secret?: string;
  /** @default "X-MCP-OTel-Signature" */
  signatureHeader?: string;
}

/** Sends alerts to an Alertmanager's `/api/v2/alerts`, as Prometheus does. */
export interface AlertmanagerNotifierConfig {
  type: 'alertmanager';
  name?: string;
  /** Alertmanager's base URL, e.g. `http://127.0.0.1:9093`. */
  url: string;
  /** @default {} */
  headers?: Record<string, string>;
  /** @default "10s" */
  timeout?: DurationInput;
}

/** Calls a function with each notification (config object only: a file cannot hold a function). */
export interface CallbackNotifierConfig {
  type: 'callback';
  name?: string;
  callback: AlertCallback;
  /** A callback that has not finished by then counts as failed. @default "10s" */
  timeout?: DurationInput;
}

/**
 * One notification channel; a discriminated union on `type`.
 *
 * @example
 * ```ts
 * import type { NotifierConfig } from '@mcp-otel/sdk';
 *
 * const hook: NotifierConfig = { type: 'webhook', url: 'https://hooks.example.com/mcp', secret: process.env.HOOK_SECRET, retries: 5 };
 * ```
 */
export type NotifierConfig = ConsoleNotifierConfig | WebhookNotifierConfig | AlertmanagerNotifierConfig | CallbackNotifierConfig;

/** Grouping of notifications (console, webhook, callback), as an Alertmanager route groups them. */
export interface AlertGroupingConfig {
  /** Labels that make a group; `["..."]` for one group per alert. @default ["alertname"] */
  by?: string[];
  /** Wait before the first notification of a new group. @default "0s" */
  wait?: DurationInput;
  /** Least time between notifications of a group about changes. @default "1m" */
  interval?: DurationInput;
  /** Time after which an unchanged firing group is notified again. @default "4h" */
  repeatInterval?: DurationInput;
}

/**
 * Alert rules over the history, and where their notifications go.
 *
 * @example
 * ```ts
 * import type { AlertsConfig } from '@mcp-otel/sdk';
 *
 * const alerts: AlertsConfig = {
 *   notify: [{ type: 'console' }, { type: 'alertmanager', url: 'http://127.0.0.1:9093' }],
 *   rules: [{ name: 'NoCalls', severity: 'critical', expr: { type: 'absent', metric: 'mcp.server.operation.duration', kind: 'histogram', window: '10m' } }],
 * };
 * ```
 */
export interface AlertsConfig {
  rules: AlertRule[];
  /** How often rules are evaluated. @default the history's `resolution` ("15s") */
  evaluationInterval?: DurationInput;
  /** Where notifications go. @default [{ type: 'console' }] */
  notify?: NotifierConfig[];
  /** @default { by: ['alertname'], wait: '0s', interval: '1m', repeatInterval: '4h' } */
  group?: AlertGroupingConfig;
  /** How often firing alerts are sent again to Alertmanager channels. @default "1m" */
  resendDelay?: DurationInput;
  /** Put in payloads as `externalURL` and `generatorURL`, e.g. this server's address. @default "" */
  externalUrl?: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_NAME_EXPECTED = 'a Prometheus label name (letters, digits and _, not starting with a digit)';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headers = record('an object of HTTP header names to string values', 'an HTTP header name', HEADER_NAME, matching(/^[\t\x20-\x7e\x80-\xff]*$/, 'a header value without control characters'));

const attributeMatcher = z.union(
  [z.string(), z.strictObject({ op: oneOf(['=', '!=', '=~', '!~']), value: z.string(expecting('a string')) })],
  expecting('a string (equality) or { "op": "!=" | "=~" | "!~" | "=", "value": "..." }'),
);
const selectorFields = {
  metric: nonEmptyString('an OTel metric name, e.g. "mcp.server.operation.duration"'),
  attributes: optional(record('an object of attribute keys to matchers', 'a non-empty attribute key', undefined, attributeMatcher)),
  scope: optional(nonEmptyString('a meter (scope) name')),
  unit: optional(z.string(expecting('an OTel unit, e.g. "s"'))),
};
const counterSelectorFields = { ...selectorFields, field: optional(oneOf(['count', 'sum'])) };
const conditionFields = { op: optional(oneOf(['>', '>=', '<', '<=', '==', '!='])), threshold: z.number(expecting('a number')) };
const groupingFields = { by: optional(z.array(nonEmptyString('an attribute key'), expecting('an array of attribute keys'))) };
const aggregate = optional(oneOf(['sum', 'min', 'max', 'avg', 'count']));
const window = duration(1);
const counterSelector = z.strictObject(counterSelectorFields, expecting('a selector like { "metric": "http.requests" }'));

const expressionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('value'), ...selectorFields, ...conditionFields, ...groupingFields, aggregate }),
    z.strictObject({ type: z.literal(['rate', 'increase']), ...counterSelectorFields, window, ...conditionFields, ...groupingFields }),
    z.strictObject({ type: z.literal('ratio'), numerator: counterSelector, denominator: counterSelector, window, ...conditionFields, ...groupingFields }),
    z.strictObject({ type: z.literal('quantile'), ...selectorFields, quantile: rate(), window, ...conditionFields, ...groupingFields }),
    z.strictObject({ type: z.literal(['avg_over_time', 'max_over_time']), ...selectorFields, window, aggregate, ...conditionFields, ...groupingFields }),
    z.strictObject({ type: z.literal('absent'), ...selectorFields, window: optional(window), kind: optional(oneOf(['counter', 'updowncounter', 'gauge', 'histogram'])) }),
  ],
  expecting('an expression like { "type": "rate", "metric": "...", "window": "5m", "threshold": 1 }'),
);

const labelMap = record('an object of label names to values', LABEL_NAME_EXPECTED, LABEL_NAME, z.string(expecting('a string')));

export const alertRuleSchema = described(
  z.strictObject(
    {
      name: matching(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'an alert name (letters, digits, _ and :, not starting with a digit)'),
      expr: expressionSchema,
      for: optional(duration(0), { description: 'How long the expression must hold before the alert fires.', default: 0 }),
      keepFiringFor: optional(duration(0), { description: 'How long a firing alert keeps firing after the expression stopped holding.', default: 0 }),
      severity: nonEmptyString('a severity, e.g. "critical", "warning" or "info"'),
      labels: optional(labelMap),
      annotations: optional(labelMap),
    },
    expecting('an alert rule like { "name": "HighErrorRate", "expr": { ... }, "severity": "warning" }'),
  ),
  { title: 'Alert rule' },
);

const notifierName = optional(nonEmptyString('a channel name'));
const notifierSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('console'), name: notifierName }),
    z.strictObject({
      type: z.literal('webhook'),
      name: notifierName,
      url: httpUrl('https://hooks.example.com/alerts'),
      headers: optional(headers),
      timeout: optional(duration(0, true)),
      retries: optional(integer(0, 10)),
      backoff: optional(duration(0)),
      secret: optional(nonEmptyString('a non-empty secret')),
      signatureHeader: optional(matching(HEADER_NAME, 'an HTTP header name')),
    }),
    z.strictObject({ type: z.literal('alertmanager'), name: notifierName, url: httpUrl('http://127.0.0.1:9093'), headers: optional(headers), timeout: optional(duration(0, true)) }),
    z.strictObject({
      type: z.literal('callback'),
      name: notifierName,
      callback: described(
        z.custom<AlertCallback>((value) => typeof value === 'function', expecting('a function (notification) => void')),
        { description: 'A function (config object only).' },
      ),
      timeout: optional(duration(0, true)),
    }),
  ],
  expecting('a notifier like { "type": "console" }'),
);

export const alertsConfigSchema = described(
  z.strictObject(
    {
      rules: z.array(alertRuleSchema, expecting('an array of alert rules')),
      evaluationInterval: optional(duration(100), { description: 'How often rules are evaluated. Default: the history resolution.' }),
      notify: optional(z.array(notifierSchema, expecting('an array of notifiers, e.g. [{ "type": "console" }]')), {
        description: 'Where notifications go.',
        default: [{ type: 'console' }],
      }),
      group: optional(
        z.strictObject(
          {
            by: optional(
              z.array(z.union([matching(LABEL_NAME, LABEL_NAME_EXPECTED), z.literal('...')], expecting(`${LABEL_NAME_EXPECTED}, or "..."`)), expecting('an array of label names')),
            ),
            wait: optional(duration(0)),
            interval: optional(duration(1)),
            repeatInterval: optional(duration(1)),
          },
          expecting('an object like { "by": ["alertname"], "interval": "1m" }'),
        ),
      ),
      resendDelay: optional(duration(1), { description: 'How often firing alerts are sent again to Alertmanager channels.', default: '1m' }),
      externalUrl: optional(z.string(expecting('a URL'))),
    },
    expecting('an object like { "rules": [ ... ] }'),
  ),
  { title: 'Alerts', description: 'Alert rules over the history, and where their notifications go.' },
);
