import type { Attributes } from '@opentelemetry/api';
import { isHomogeneousArray } from './attribute-set.js';

/** The token of every value the facade drops: such attribute sets sanitize alike, so share a handle. */
const DROPPED: unique symbol = Symbol('dropped attribute value');

/** One step of the trie: attribute name, then value, leads to the next node. */
class TrieNode<H> {
  /** Scalars (string, number, boolean) and the DROPPED token, as Map keys: `1` and `"1"` differ. */
  scalars: Map<string, Map<unknown, TrieNode<H>>> | undefined;
  /** Homogeneous arrays, by their JSON text (kept apart from strings that look alike). */
  arrays: Map<string, Map<string, TrieNode<H>>> | undefined;
  handle: H | undefined;
}

function child<K, H>(table: Map<string, Map<K, TrieNode<H>>>, name: string, key: K, create: boolean): TrieNode<H> | undefined {
  let byValue = table.get(name);
  if (byValue === undefined) {
    if (!create) return undefined;
    table.set(name, (byValue = new Map<K, TrieNode<H>>()));
  }
  let next = byValue.get(key);
  if (next === undefined && create) byValue.set(key, (next = new TrieNode<H>()));
  return next;
}

/** Walks one (name, value) step; `create` adds missing nodes. */
function step<H>(node: TrieNode<H>, name: string, value: unknown, create: boolean): TrieNode<H> | undefined {
  if (Array.isArray(value) && isHomogeneousArray(value)) {
    if (node.arrays === undefined) {
      if (!create) return undefined;
      node.arrays = new Map();
    }
    return child(node.arrays, name, JSON.stringify(value), create);
  }
  if (node.scalars === undefined) {
    if (!create) return undefined;
    node.scalars = new Map();
  }
  const type = typeof value;
  const key = type === 'string' || type === 'number' || type === 'boolean' ? value : DROPPED;
  return child(node.scalars, name, key, create);
}

/**
 * Handles by attribute set, as a trie over (name, value) pairs in the caller's key order. A lookup
 * costs one or two `Map.get` per attribute on the caller's own strings (literals hash once), with no
 * key string to build. `undefined` values count as absent. Holds at most `capacity` handles.
 */
export class HandleCache<H> {
  private readonly root = new TrieNode<H>();
  private count = 0;

  constructor(private readonly capacity: number) {}

  /** The cached handle of `attributes`, if any. */
  get(attributes: Attributes | undefined): H | undefined {
    return this.walk(attributes, false)?.handle;
  }

  /** Caches `handle` for `attributes`; `false` when the cache is full (the empty set always fits). */
  set(attributes: Attributes | undefined, handle: H): boolean {
    const existing = this.walk(attributes, false);
    if (existing !== undefined && (existing === this.root || existing.handle !== undefined)) {
      existing.handle = handle;
      return true;
    }
    if (this.count >= this.capacity) return false;
    const node = this.walk(attributes, true);
    if (node === undefined) return false;
    node.handle = handle;
    this.count++;
    return true;
  }

  private walk(attributes: Attributes | undefined, create: boolean): TrieNode<H> | undefined {
    let node: TrieNode<H> | undefined = this.root;
    if (attributes === undefined || attributes === null) return node;
    const names = Object.keys(attributes);
    for (let i = 0; i < names.length && node !== undefined; i++) {
      const name = names[i] as string;
      const value: unknown = attributes[name];
      if (value !== undefined) node = step(node, name, value, create);
    }
    return node;
  }
}
