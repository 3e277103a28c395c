import type { Labels } from './label-set.js';
import { matchesAll } from './label-set.js';

/**
 * A silence: alerts whose labels include all of `matchers` are not notified until `endsAt`.
 *
 * @example
 * ```ts
 * const silence: Silence = handle.alerts.silence({ matchers: { alertname: 'ToolErrorRatio' }, duration: '30m' });
 * ```
 */
export interface Silence {
  readonly id: string;
  /** Label names to exact values, e.g. `{ alertname: 'FlakyToolErrors' }`. */
  readonly matchers: Readonly<Labels>;
  /** ms since the epoch. */
  readonly startsAt: number;
  readonly endsAt: number;
  readonly comment?: string;
}

/**
 * The silences of this process, each with an expiry: a silenced alert is still evaluated and
 * listed (with `silenced: true`), but no channel hears of it. Expired silences disappear.
 */
export class Silences {
  private readonly silences = new Map<string, Silence>();
  private nextId = 1;

  add(matchers: Labels, startsAt: number, endsAt: number, comment?: string): Silence {
    const silence: Silence = { id: `silence-${this.nextId++}`, matchers: { ...matchers }, startsAt, endsAt, ...(comment === undefined ? {} : { comment }) };
    this.silences.set(silence.id, silence);
    return silence;
  }

  /** Ends a silence now; `false` when there is no such silence (or it already expired). */
  expire(id: string): boolean {
    return this.silences.delete(id);
  }

  /** The silences in force at `now`. */
  active(now: number): Silence[] {
    for (const [id, silence] of this.silences) if (silence.endsAt <= now) this.silences.delete(id);
    return [...this.silences.values()];
  }

  isSilenced(labels: Labels, now: number): boolean {
    return this.active(now).some((silence) => matchesAll(labels, silence.matchers));
  }
}
