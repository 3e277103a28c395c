import type { Counter } from '@opentelemetry/api';
import type { Clock } from '../clock/clock.js';
import { AlertmanagerChannel } from './notify/alertmanager-channel.js';
import { CallbackChannel } from './notify/callback-channel.js';
import { ChannelRunner } from './notify/channel-runner.js';
import type { LineWriter } from './notify/console-channel.js';
import { ConsoleChannel } from './notify/console-channel.js';
import type { HttpPost } from './notify/http-post.js';
import type { AlertNotification, PostableAlert } from './notify/notification-types.js';
import { WebhookChannel } from './notify/webhook-channel.js';
import type { ResolvedNotifier } from './resolved-alerts.js';

/** The channels of the resolved notifiers, each in its own runner. */
export interface AlertChannels {
  /** Console, webhook and callback: they get grouped notifications (Alertmanager's webhook payload). */
  grouped: ChannelRunner<AlertNotification>[];
  /** Alertmanagers: they get the alerts themselves, the way Prometheus sends them. */
  alertmanagers: ChannelRunner<PostableAlert[]>[];
}

/** What building channels needs besides the config. */
export interface ChannelDependencies {
  clock: Clock;
  post: HttpPost;
  outcomes?: Counter;
  /** Where the console channel writes. @default stderr */
  write?: LineWriter;
}

export function createAlertChannels(notifiers: readonly ResolvedNotifier[], dependencies: ChannelDependencies): AlertChannels {
  const channels: AlertChannels = { grouped: [], alertmanagers: [] };
  const options = { outcomes: dependencies.outcomes };
  for (const notifier of notifiers) {
    switch (notifier.type) {
      case 'console':
        channels.grouped.push(new ChannelRunner(new ConsoleChannel(notifier.name, dependencies.write), options));
        break;
      case 'webhook':
        channels.grouped.push(new ChannelRunner(new WebhookChannel(notifier, dependencies.post, dependencies.clock), options));
        break;
      case 'callback':
        channels.grouped.push(new ChannelRunner(new CallbackChannel(notifier.name, notifier.callback, notifier.timeoutMs, dependencies.clock), options));
        break;
      case 'alertmanager':
        channels.alertmanagers.push(new ChannelRunner(new AlertmanagerChannel(notifier, dependencies.post), { ...options, maxQueue: 10 }));
        break;
    }
  }
  return channels;
}
