import type { ResolvedNotifier } from '../resolved-alerts.js';
import type { HttpPost } from './http-post.js';
import { checkAnswer } from './http-post.js';
import type { NotificationChannel, PostableAlert } from './notification-types.js';

/** Options of {@link AlertmanagerChannel}: a resolved `alertmanager` notifier (`url` is Alertmanager's base URL). */
export type AlertmanagerChannelOptions = Omit<Extract<ResolvedNotifier, { type: 'alertmanager' }>, 'type'>;

/**
 * Sends alerts to a real Alertmanager as Prometheus does: `POST <url>/api/v2/alerts` with the
 * alerts due (firing ones again every resend delay with an `endsAt` four intervals ahead, resolved
 * ones with `endsAt` = resolution time). One attempt per batch, as Prometheus' notifier: the next
 * resend covers a failed one, and Alertmanager does grouping, inhibition and routing.
 */
export class AlertmanagerChannel implements NotificationChannel<PostableAlert[]> {
  readonly name: string;
  private readonly endpoint: string;
  private readonly options: AlertmanagerChannelOptions;
  private readonly post: HttpPost;

  constructor(options: AlertmanagerChannelOptions, post: HttpPost) {
    this.name = options.name;
    this.options = options;
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
    this.post = post;
  }

  async deliver(alerts: PostableAlert[]): Promise<void> {
    checkAnswer(await this.post(this.endpoint, JSON.stringify(alerts), { headers: this.options.headers, timeoutMs: this.options.timeoutMs }));
  }
}
