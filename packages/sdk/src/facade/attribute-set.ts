import type { AttributeValue, Attributes } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES } from '../aggregate/series-key.js';
import { describeValue } from '../aggregate/value-problems.js';
import type { WarnOnce } from './warn-once.js';

/** A homogeneous array of one primitive type (nullish members allowed, as in the OTel API). */
export function isHomogeneousArray(value: readonly unknown[]): boolean {
  let type: string | undefined;
  for (const item of value) {
    if (item === null || item === undefined) continue;
    const t = typeof item;
    if (t !== 'string' && t !== 'number' && t !== 'boolean') return false;
    if (type === undefined) type = t;
    else if (t !== type) return false;
  }
  return true;
}

/** An OTel attribute value: string, number, boolean, or a homogeneous array of one of them. */
export function isAttributeValue(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || (Array.isArray(value) && isHomogeneousArray(value));
}

/**
 * Copies `attributes`, keeping valid OTel attribute values, and freezes the copy. Each dropped key
 * is warned once per metric through `warnOnce`; `undefined` values are dropped silently (an absent
 * optional field).
 */
export function sanitizeAttributes(
  attributes: Attributes,
  metric: string,
  warnOnce: WarnOnce,
): Readonly<Attributes> {
  const clean: Record<string, AttributeValue> = {};
  let kept = 0;
  for (const name of Object.keys(attributes)) {
    const value: unknown = attributes[name];
    if (value === undefined) continue;
    if (name === '' || !isAttributeValue(value)) {
      warnOnce.warn(`${metric}\u0000attr\u0000${name}`, () =>
        name === ''
          ? `mcp-otel: metric "${metric}": an attribute has an empty key; it was dropped. Give every attribute a non-empty name.`
          : `mcp-otel: metric "${metric}": attribute "${name}" is ${Array.isArray(value) ? 'an array of mixed or non-primitive items' : describeValue(value)}; it was dropped. ` +
            'Use a string, number, boolean or an array of one of those types (convert objects with String() or pick a field).',
      );
      continue;
    }
    clean[name] = Array.isArray(value) ? (Object.freeze(value.slice()) as AttributeValue) : (value as AttributeValue);
    kept++;
  }
  return kept === 0 ? EMPTY_ATTRIBUTES : Object.freeze(clean);
}
