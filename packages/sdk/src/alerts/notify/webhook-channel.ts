import type { Clock } from '../../clock/clock.js';
import type { ResolvedNotifier } from '../resolved-alerts.js';
import type { HttpPost } from './http-post.js';
import { checkAnswer, DeliveryError } from './http-post.js';
import { hmacSignature } from './hmac-signature.js';
import type { AlertNotification, NotificationChannel } from './notification-types.js';

/**
 * Options of {@link WebhookChannel}: a resolved `webhook` notifier (`timeoutMs` per attempt,
 * `retries` after the first attempt, `backoffMs` before the first retry and doubled for each
 * further one, `secret` for the `signatureHeader`).
 */
export type WebhookChannelOptions = Omit<Extract<ResolvedNotifier, { type: 'webhook' }>, 'type'>;

/**
 * POSTs each notification as Alertmanager's webhook payload (version 4), so receivers written for
 * Alertmanager (and its `webhook_configs`) work unchanged. Retries with exponential backoff; every
 * attempt has a deadline, so a receiver that never answers costs at most
 * `(retries + 1) × timeout` plus the backoff, on this channel only.
 */
export class WebhookChannel implements NotificationChannel<AlertNotification> {
  readonly name: string;
  private readonly options: WebhookChannelOptions;
  private readonly post: HttpPost;
  private readonly clock: Clock;

  constructor(options: WebhookChannelOptions, post: HttpPost, clock: Clock) {
    this.name = options.name;
    this.options = options;
    this.post = post;
    this.clock = clock;
  }

  async deliver(notification: AlertNotification): Promise<void> {
    const body = JSON.stringify({ ...notification, receiver: this.name });
    const headers = { ...this.options.headers };
    if (this.options.secret !== undefined) headers[this.options.signatureHeader] = await hmacSignature(this.options.secret, body);
    for (let attempt = 0; ; attempt++) {
      try {
        checkAnswer(await this.post(this.options.url, body, { headers, timeoutMs: this.options.timeoutMs }));
        return;
      } catch (error) {
        const retryable = !(error instanceof DeliveryError) || error.retryable;
        if (!retryable || attempt >= this.options.retries) {
          throw new DeliveryError(`${error instanceof Error ? error.message : String(error)} (after ${attempt + 1} attempt(s))`, false);
        }
        await new Promise<void>((resolve) => this.clock.after(this.options.backoffMs * 2 ** attempt, resolve));
      }
    }
  }
}
