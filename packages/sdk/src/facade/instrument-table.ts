import type { ValueKind } from '../aggregate/value-problems.js';
import type { WarnOnce } from './warn-once.js';

/**
 * A facade's instruments, one bounded map per kind: a hit is one `Map.get`. Past `capacity` names
 * of one kind, entries are still made but not kept, with one warning: names must not carry
 * variable data.
 */
export class InstrumentTable<E> {
  private readonly tables: Record<ValueKind, Map<string, E>> = {
    counter: new Map(),
    upDownCounter: new Map(),
    gauge: new Map(),
    histogram: new Map(),
    summary: new Map(),
  };

  constructor(
    private readonly capacity: number,
    private readonly warnOnce: WarnOnce,
  ) {}

  find(kind: ValueKind, name: string): E | undefined {
    return this.tables[kind].get(name);
  }

  /** Keeps `entry` under (kind, name) while there is room; returns it either way. */
  keep(kind: ValueKind, name: string, entry: E): E {
    const table = this.tables[kind];
    if (table.size < this.capacity) table.set(name, entry);
    else {
      this.warnOnce.warn(`${kind}\u0000full`, () =>
        `mcp-otel: more than ${this.capacity} ${kind} names; further ones are not cached. Metric names must not carry variable data: put it in attributes.`,
      );
    }
    return entry;
  }
}
