import type { Attributes } from '@opentelemetry/api';

/** Stands for a value the trie does not key on (arrays, objects): never stored, so always a miss. */
const UNKEYED = Symbol('unkeyed');

/**
 * The trie key of an attribute value, in the same classes as OTel's JSON hash: strings, finite
 * numbers (0 and -0 alike) and booleans as themselves; `null`, `undefined` and non-finite numbers
 * all serialize to `null` there, so they share one key here.
 */
function keyOf(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'undefined':
      return null;
    default:
      return value === null ? null : UNKEYED;
  }
}

class TrieNode<T> {
  /** Attribute key, then value, to the next node. */
  readonly next = new Map<string, Map<unknown, TrieNode<T>>>();
  value: T | undefined;
}

/**
 * Finds the series of a fresh attribute literal without hashing it: a trie over the object's own
 * keys in their own order (no sort) and their primitive values, two `Map` lookups per attribute.
 * Paths are added by the slow path once it has found a series by canonical key, so a given key
 * order and value combination is hashed once; a literal written in another key order gets a path
 * of its own to the same series. At most `maxPaths` paths are kept, then misses stay misses.
 */
export class AttributeTrie<T> {
  private readonly root = new TrieNode<T>();
  private paths = 0;

  constructor(private readonly maxPaths: number) {}

  get(attributes: Attributes): T | undefined {
    const keys = Object.keys(attributes);
    let node = this.root;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const child = node.next.get(key)?.get(keyOf(attributes[key]));
      if (child === undefined) return undefined;
      node = child;
    }
    return node.value;
  }

  /** Adds the path of `attributes` (when all its values are primitive and there is room). */
  set(attributes: Attributes, value: T): void {
    if (this.paths >= this.maxPaths) return;
    const keys = Object.keys(attributes);
    if (keys.some((key) => keyOf(attributes[key]) === UNKEYED)) return;
    let node = this.root;
    for (const key of keys) {
      let byValue = node.next.get(key);
      if (byValue === undefined) {
        byValue = new Map();
        node.next.set(key, byValue);
      }
      const valueKey = keyOf(attributes[key]);
      let child = byValue.get(valueKey);
      if (child === undefined) {
        child = new TrieNode<T>();
        byValue.set(valueKey, child);
      }
      node = child;
    }
    if (node.value === undefined) this.paths++;
    node.value = value;
  }
}
