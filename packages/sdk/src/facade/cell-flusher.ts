import type { Meter } from '@opentelemetry/api';
import type { MeterSource } from './meter-source.js';
import type { WarnOnce } from './warn-once.js';

/**
 * Name of the observable gauge whose callback flushes a facade's cells at collection. It never
 * observes anything, so OTel exports no stream for it (a storage without points is skipped).
 */
export const FLUSH_HOOK_NAME = 'mcp_otel.facade.flush';

/** A cell-backed instrument of a facade, as its flusher sees it. */
export interface FlushableSlot {
  /** The provider epoch the slot's OTel instrument belongs to (-1 before its first use). */
  readonly boundEpoch: number;
  /** Writes the slot's queued cells into the OTel instrument of `boundEpoch`. */
  flush(): void;
}

/**
 * Flushes the cells of one facade's cached instruments into their OTel instruments: at every
 * collection of every reader (through an observable callback on the facade's meter, which OTel runs
 * before it reads that meter's storages), and at once when the provider changes, so every value
 * lands in the provider it was recorded under. Holds only cached slots, so it is bounded by the
 * instrument cache.
 */
export class CellFlusher {
  private readonly slots: FlushableSlot[] = [];
  private hookedEpoch = -1;

  constructor(
    source: MeterSource,
    private readonly meterName: string,
    private readonly warnOnce: WarnOnce,
  ) {
    source.onEpochChange?.(() => this.flushAll());
  }

  register(slot: FlushableSlot): void {
    this.slots.push(slot);
  }

  /**
   * Makes sure the provider of `epoch` collects the cells: called by a slot when it binds to
   * `epoch` with `meter` (the facade's meter of that provider). Registers one hook per facade and
   * provider epoch (a provider set again later gets a new hook; the old one then finds no slot of
   * its epoch and does nothing).
   */
  watch(epoch: number, meter: Meter): void {
    if (epoch === this.hookedEpoch) return;
    this.hookedEpoch = epoch;
    try {
      const hook = meter.createObservableGauge(FLUSH_HOOK_NAME, {
        description: 'mcp-otel facade: flushes counter, up-down counter and gauge handles at collection; never exported',
      });
      hook.addCallback(() => this.flushEpoch(epoch));
    } catch (error) {
      this.warnOnce.warn(`flush\u0000hook`, () =>
        `mcp-otel: could not register the facade's collection hook on meter "${this.meterName}" (${String(error)}); ` +
          'counter, up-down counter and gauge values of this facade are not exported.',
      );
    }
  }

  /** Error handler of a flush: warns once per facade, never throws. */
  readonly onError = (error: unknown): void => {
    this.warnOnce.warn(`flush\u0000error`, () =>
      `mcp-otel: writing a facade value into OpenTelemetry failed (${String(error)}); that value was dropped.`,
    );
  };

  private flushEpoch(epoch: number): void {
    for (const slot of this.slots) if (slot.boundEpoch === epoch) slot.flush();
  }

  private flushAll(): void {
    for (const slot of this.slots) slot.flush();
  }
}
