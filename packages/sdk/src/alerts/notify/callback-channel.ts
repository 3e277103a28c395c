import type { Clock } from '../../clock/clock.js';
import type { AlertNotification, NotificationChannel } from './notification-types.js';

/** A user function that receives every notification (the webhook payload, as an object). */
export type AlertCallback = (notification: AlertNotification) => void | Promise<void>;

/**
 * Hands each notification to a user function. A throw or rejection is a failed delivery (counted,
 * warned once per streak), never an error in the host; a promise that does not settle within
 * `timeoutMs` counts as failed and the channel moves on.
 */
export class CallbackChannel implements NotificationChannel<AlertNotification> {
  readonly name: string;
  private readonly callback: AlertCallback;
  private readonly timeoutMs: number;
  private readonly clock: Clock;

  constructor(name: string, callback: AlertCallback, timeoutMs: number, clock: Clock) {
    this.name = name;
    this.callback = callback;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  deliver(notification: AlertNotification): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cancel = this.clock.after(this.timeoutMs, () => reject(new Error(`the callback did not finish within ${this.timeoutMs} ms`)));
      const done = (error?: unknown) => {
        cancel();
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'the callback failed'));
      };
      try {
        Promise.resolve(this.callback({ ...notification, receiver: this.name })).then(() => done(), (error: unknown) => done(error ?? 'rejected'));
      } catch (error) {
        done(error ?? 'threw');
      }
    });
  }
}
