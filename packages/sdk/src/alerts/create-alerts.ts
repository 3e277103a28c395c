import type { MeterProvider } from '@opentelemetry/api';
import type { Clock } from '../clock/clock.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { HistoryStore } from '../history/history-store.js';
import { createAlertChannels } from './alert-channels.js';
import { AlertEvaluator } from './alert-evaluator.js';
import { createNotificationCounter, observeFiringAlerts } from './alert-metrics.js';
import type { AlertsApi } from './alerts-api.js';
import { disabledAlerts, EvaluatorAlertsApi } from './alerts-api.js';
import type { LineWriter } from './notify/console-channel.js';
import type { HttpPost } from './notify/http-post.js';

/** Alerts of a resolved config: the API, and the evaluator to start and stop (absent without rules). */
export interface AlertsParts {
  api: AlertsApi;
  evaluator: AlertEvaluator | undefined;
}

/** What building the alerts needs besides the config. */
export interface AlertsDependencies {
  store: HistoryStore | undefined;
  clock: Clock;
  meterProvider: MeterProvider;
  post: HttpPost;
  unitsSeen: () => Record<string, string>;
  write?: LineWriter;
}

export function createAlerts(config: ResolvedConfig, dependencies: AlertsDependencies): AlertsParts {
  const { store, clock } = dependencies;
  if (config.alerts === undefined || store === undefined) return { api: disabledAlerts(config), evaluator: undefined };
  const outcomes = createNotificationCounter(dependencies.meterProvider);
  const channels = createAlertChannels(config.alerts.notify, { clock, post: dependencies.post, outcomes, write: dependencies.write });
  const evaluator = new AlertEvaluator({ config: config.alerts, store, clock, channels });
  observeFiringAlerts(dependencies.meterProvider, () => evaluator.firingByRule());
  return { api: new EvaluatorAlertsApi({ evaluator, clock, config, unitsSeen: dependencies.unitsSeen }), evaluator };
}
