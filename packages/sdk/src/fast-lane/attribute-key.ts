import type { Attributes } from '@opentelemetry/api';

/**
 * The series key of an attribute set, equivalent to OTel's `hashAttributes` (keys sorted, then
 * `JSON.stringify` of the `[key, value]` pairs): two sets share a fast-lane cell exactly when the
 * SDK would aggregate them into one series. Only called for an attribute object not seen before.
 */
export function attributeKey(attributes: Attributes): string {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return '';
  keys.sort();
  return JSON.stringify(keys.map((key) => [key, attributes[key]]));
}

/**
 * A copy of `attributes` in the caller's key order, keeping only `allowList` keys when given: what
 * OTel's allow-list attributes processor passes on. The copy (not the caller's object) is what a
 * cell keeps and exports, so later mutation of the caller's object cannot change a series.
 */
export function copyAttributes(attributes: Attributes, allowList: ReadonlySet<string> | undefined): Attributes {
  const copy: Attributes = {};
  for (const name in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, name)) continue;
    if (allowList !== undefined && !allowList.has(name)) continue;
    copy[name] = attributes[name];
  }
  return copy;
}

/**
 * Whether a series may be found again by the object's identity: only a frozen object whose array
 * values are frozen too can never hash differently later. A mutable object is hashed on every
 * record, as OTel does, so reusing and mutating one attribute object stays correct.
 */
export function isIdentityStable(attributes: Attributes): boolean {
  if (!Object.isFrozen(attributes)) return false;
  for (const name in attributes) {
    const value: unknown = attributes[name];
    if (Array.isArray(value) && !Object.isFrozen(value)) return false;
  }
  return true;
}
