import type { AttributeValue, Attributes } from '@opentelemetry/api';

/** OTel's overflow attribute set (sdk-metrics `DeltaMetricProcessor`). */
export const OVERFLOW_ATTRIBUTES: Readonly<Attributes> = Object.freeze({ 'otel.metric.overflow': true });

/** The frozen empty attribute set. */
export const EMPTY_ATTRIBUTES: Readonly<Attributes> = Object.freeze({});

/**
 * The series identity of an attribute set, the same as OTel's `hashAttributes` (own keys sorted,
 * then `JSON.stringify` of the `[key, value]` pairs): two sets are one series exactly when OTel
 * would aggregate them into one. Computed only when a set is not found by identity or by its trie
 * path, never kept (see {@link hashKey}).
 */
export function attributeKey(attributes: Readonly<Attributes>): string {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return '';
  keys.sort();
  return JSON.stringify(keys.map((key) => [key, attributes[key]]));
}

/** FNV-1a of `key`, cut to 30 bits so it stays a small integer: a cheap `Map` key. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/**
 * A frozen copy of `attributes` (own keys, in their order; array values copied and frozen),
 * keeping only `allowList` keys when given, as OTel's allow-list attributes processor does. A
 * series keeps this copy, so later changes to the caller's object never change a series.
 */
export function frozenCopy(attributes: Readonly<Attributes>, allowList?: ReadonlySet<string>): Readonly<Attributes> {
  const copy: Record<string, AttributeValue | undefined> = {};
  let kept = 0;
  for (const name of Object.keys(attributes)) {
    if (allowList !== undefined && !allowList.has(name)) continue;
    const value = attributes[name];
    copy[name] = Array.isArray(value) ? (Object.freeze(value.slice()) as AttributeValue) : value;
    kept++;
  }
  return kept === 0 ? EMPTY_ATTRIBUTES : Object.freeze(copy);
}

/**
 * Whether a set may be found again by the object's identity: only a frozen object whose array
 * values are frozen too can never hash differently later. A mutable object is looked up by its
 * contents on every recording, as OTel does, so reusing and mutating one object stays correct.
 */
export function isIdentityStable(attributes: Readonly<Attributes>): boolean {
  if (!Object.isFrozen(attributes)) return false;
  for (const name of Object.keys(attributes)) {
    const value: unknown = attributes[name];
    if (Array.isArray(value) && !Object.isFrozen(value)) return false;
  }
  return true;
}
