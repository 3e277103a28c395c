import type { Attributes } from '@opentelemetry/api';
import { AttributeTrie } from './attribute-trie.js';
import { attributeKey, EMPTY_ATTRIBUTES, hashKey, isIdentityStable } from './series-key.js';

/** What the index holds: anything that knows its (exported) attribute set. */
export interface Keyed {
  readonly attributes: Readonly<Attributes>;
}

/**
 * Values by attribute set, found fastest first: the last frozen object seen (one compare), any
 * other frozen object by identity (a `WeakMap`, so no object is kept alive but that last one), a
 * literal by its trie path (no hashing), else by the canonical key's hash, checked against the
 * key on a hit (the key strings, as long as the attributes, are never kept). At most `capacity`
 * values; the caller decides what a full index means (OTel's overflow series, or an uncached
 * handle). Used for our series and for the facade's handles alike.
 */
export class SeriesIndex<T extends Keyed> {
  /** Every value, in creation order (the order OTel reports cumulative series in). */
  readonly values: T[] = [];
  private readonly byHash = new Map<number, T | T[]>();
  private readonly byIdentity = new WeakMap<object, T>();
  private readonly byLiteral: AttributeTrie<T>;
  private lastFrozen: object | undefined;
  private lastFrozenValue: T | undefined;
  private empty: T | undefined;

  constructor(readonly capacity: number) {
    this.byLiteral = new AttributeTrie(Math.max(16, capacity));
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * The value of a set seen before (by identity or trie path); `undefined`: take the slow path.
   * `literalFirst` (the facade, whose callers mostly pass fresh literals) walks the trie before the
   * identity lookups, which cost a `WeakMap` miss on every fresh object.
   */
  cached(attributes: Readonly<Attributes> | undefined, literalFirst = false): T | undefined {
    if (attributes === undefined || attributes === null) return this.empty;
    if (literalFirst) {
      const literal = this.byLiteral.get(attributes);
      if (literal !== undefined) return literal;
    }
    if (attributes === this.lastFrozen) return this.lastFrozenValue;
    const known = this.byIdentity.get(attributes);
    if (known !== undefined) {
      // A frozen object mostly comes again next (one MCP operation after another).
      this.lastFrozen = attributes;
      this.lastFrozenValue = known;
      return known;
    }
    return literalFirst ? undefined : this.byLiteral.get(attributes);
  }

  /** The value whose exported set has the canonical key `key` (what `attributeKey` returns). */
  byKey(key: string): T | undefined {
    const bucket = this.byHash.get(hashKey(key));
    if (bucket === undefined) return undefined;
    if (!Array.isArray(bucket)) return attributeKey(bucket.attributes) === key ? bucket : undefined;
    return bucket.find((value) => attributeKey(value.attributes) === key);
  }

  /** Adds `value` under its own attributes; `false` when the index is full (then nothing is added). */
  add(value: T, force = false): boolean {
    if (!force && this.values.length >= this.capacity) return false;
    const hash = hashKey(attributeKey(value.attributes));
    const bucket = this.byHash.get(hash);
    this.byHash.set(hash, bucket === undefined ? value : Array.isArray(bucket) ? [...bucket, value] : [bucket, value]);
    this.values.push(value);
    return true;
  }

  /**
   * Makes `source` (the caller's object) find `value` next time without hashing: by identity when
   * it can never change, else by its trie path. `literalPath: false` skips the trie (sets that
   * overflow are unbounded in number, so they stay on the slow path, as in OTel).
   */
  remember(source: Readonly<Attributes> | undefined, value: T, literalPath = true): void {
    if (source === undefined || source === null || source === EMPTY_ATTRIBUTES || Object.keys(source).length === 0) {
      this.empty ??= value;
      if (source === undefined || source === null) return;
    }
    if (isIdentityStable(source)) this.byIdentity.set(source, value);
    else if (literalPath) this.byLiteral.set(source, value);
  }
}
