import type { Attributes } from '@opentelemetry/api';
import { SeriesIndex, type Keyed } from '../aggregate/series-index.js';
import { attributeKey, EMPTY_ATTRIBUTES } from '../aggregate/series-key.js';
import type { ValueKind } from '../aggregate/value-problems.js';
import { sanitizeAttributes } from './attribute-set.js';
import type { FacadeAttributes } from './handles.js';
import type { WarnOnce } from './warn-once.js';

/**
 * The handles of one facade instrument that is not one of our storages (plain OTel handles, the
 * module-level facade's forwarding handles), kept by attribute set in the index our series use: a
 * handle is found again by its literal (no hashing) or by its sanitized set, whatever the key order.
 * At most `maxHandles` are kept (the empty set always fits); past that, handles are made per call.
 */
export class KeptHandles<H extends Keyed> {
  private readonly index: SeriesIndex<H>;

  constructor(
    private readonly kind: ValueKind,
    readonly name: string,
    private readonly warnOnce: WarnOnce,
    private readonly maxHandles: number,
    private readonly make: (attributes: Readonly<Attributes>) => H,
  ) {
    this.index = new SeriesIndex(maxHandles);
  }

  handle(attributes: FacadeAttributes | undefined): H {
    const cached = this.index.cached(attributes, true);
    if (cached !== undefined) return cached;
    const clean = attributes === undefined || attributes === null ? EMPTY_ATTRIBUTES : sanitizeAttributes(attributes, this.name, this.warnOnce);
    let handle = this.index.byKey(attributeKey(clean));
    if (handle === undefined) {
      handle = this.make(clean);
      if (!this.index.add(handle, clean === EMPTY_ATTRIBUTES)) {
        this.warnOnce.warn(`${this.kind}\u0000${this.name}\u0000full`, () =>
          `mcp-otel: ${this.kind} "${this.name}" has more than ${this.maxHandles} attribute sets; ` +
            'further handles are not cached (values are still recorded). Keep the handle you get, or use fewer distinct attribute values.',
        );
        return handle;
      }
    }
    this.index.remember(attributes, handle);
    return handle;
  }
}
