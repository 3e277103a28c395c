import { now } from '../clock.js';
import { watchSettlement } from '../own-method.js';
import { reportFailure } from '../safe.js';
import type { CacheCells } from './cache-cells.js';
import type { CacheTelemetry } from './cache-telemetry.js';

/**
 * Operations between two checks of the global meter provider. Reading it costs about as much as the
 * whole wrapped `Map.get`, so a cache asks every 1024 operations (and on every asynchronous one):
 * a cache instrumented before the SDK starts reports to it from its next thousand operations on.
 */
const REFRESH_EVERY = 1024;

/** What the wrappers of one instrumented cache share: its counters and its telemetry. */
export class CacheRecorder {
  /** The cells' counters, read straight by the wrappers. */
  readonly counts: Float64Array;
  /** Operations until the next provider check; never reaches 0 with an injected provider. */
  countdown: number;

  constructor(
    readonly telemetry: CacheTelemetry,
    readonly cells: CacheCells,
    injectedProvider: boolean,
  ) {
    this.counts = cells.counts;
    this.countdown = injectedProvider ? Number.POSITIVE_INFINITY : REFRESH_EVERY;
  }

  /** Moves the observers to the current global provider (called when `countdown` reaches 0). */
  refresh(): void {
    this.countdown = REFRESH_EVERY;
    try {
      this.telemetry.instruments();
    } catch (error) {
      reportFailure('refreshing the cache instruments', error);
    }
  }

  /**
   * Watches the promise an asynchronous operation returned: on fulfilment `onValue` counts the
   * outcome; on rejection the failure is counted; either way the duration is recorded. Returns the
   * promise to hand to the host (see `watchSettlement`): same value, same rejection.
   */
  track<T>(promise: PromiseLike<T>, operation: string, start: number, onValue: (value: T) => void, onFailure?: () => void): PromiseLike<T> {
    return watchSettlement(
      promise,
      (value) => {
        try {
          onValue(value);
        } catch (error) {
          reportFailure('counting a cache operation', error);
        }
        this.recordDuration(operation, start, undefined, false);
      },
      (error) => {
        onFailure?.();
        this.cells.failed(operation, error);
        this.recordDuration(operation, start, error, true);
      },
    );
  }

  private recordDuration(operation: string, start: number, error: unknown, failed: boolean): void {
    try {
      const { duration } = this.telemetry.instruments();
      const attributes = failed ? this.cells.durationErrorAttributesOf(operation, error) : this.cells.durationAttributes[operation]!;
      duration.record((now() - start) / 1000, attributes);
    } catch (recordError) {
      reportFailure('recording a cache operation duration', recordError);
    }
  }
}
