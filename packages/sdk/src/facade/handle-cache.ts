import type { Attributes } from '@opentelemetry/api';
import { isHomogeneousArray } from './attribute-set.js';

/** The token of every value the facade drops: such attribute sets sanitize alike, so share a handle. */
const DROPPED: unique symbol = Symbol('dropped attribute value');

/**
 * One step of the trie: attribute name, then value, leads to the next node. Attribute order rarely
 * varies at one call site, so the first name seen here is kept inline with its values (one
 * `Map.get` per attribute on a lookup); other names go through `scalars`.
 */
class TrieNode<H> {
  /** The first attribute name stepped from here, and its scalar values (see `scalars`). */
  name: string | undefined;
  values: Map<unknown, TrieNode<H>> | undefined;
  /** Scalars (string, number, boolean) and the DROPPED token of other names: `1` and `"1"` differ. */
  scalars: Map<string, Map<unknown, TrieNode<H>>> | undefined;
  /** Homogeneous arrays, by their JSON text (kept apart from strings that look alike). */
  arrays: Map<string, Map<string, TrieNode<H>>> | undefined;
  handle: H | undefined;
}

function child<K, H>(byValue: Map<K, TrieNode<H>>, key: K, create: boolean): TrieNode<H> | undefined {
  let next = byValue.get(key);
  if (next === undefined && create) byValue.set(key, (next = new TrieNode<H>()));
  return next;
}

function branch<K, H>(table: Map<string, Map<K, TrieNode<H>>>, name: string, create: boolean): Map<K, TrieNode<H>> | undefined {
  let byValue = table.get(name);
  if (byValue === undefined && create) table.set(name, (byValue = new Map<K, TrieNode<H>>()));
  return byValue;
}

/** The scalar values of `name` at `node`; `create` adds the branch. */
function scalarBranch<H>(node: TrieNode<H>, name: string, create: boolean): Map<unknown, TrieNode<H>> | undefined {
  if (node.name === name) return node.values;
  if (node.name === undefined) {
    if (!create) return undefined;
    node.name = name;
    return (node.values = new Map());
  }
  if (node.scalars === undefined) {
    if (!create) return undefined;
    node.scalars = new Map();
  }
  return branch(node.scalars, name, create);
}

/** Walks one (name, value) step; `create` adds missing nodes. */
function step<H>(node: TrieNode<H>, name: string, value: unknown, create: boolean): TrieNode<H> | undefined {
  if (Array.isArray(value) && isHomogeneousArray(value)) {
    if (node.arrays === undefined) {
      if (!create) return undefined;
      node.arrays = new Map();
    }
    const byValue = branch(node.arrays, name, create);
    return byValue === undefined ? undefined : child(byValue, JSON.stringify(value), create);
  }
  const byValue = scalarBranch(node, name, create);
  if (byValue === undefined) return undefined;
  const type = typeof value;
  return child(byValue, type === 'string' || type === 'number' || type === 'boolean' ? value : DROPPED, create);
}

/**
 * Handles by attribute set, as a trie over (name, value) pairs in the caller's key order. A lookup
 * costs one `Map.get` per attribute on the caller's own strings (literals hash once), with no key
 * string to build and nothing allocated. `undefined` values count as absent. Holds at most
 * `capacity` handles. Keys are enumerated with `for...in` (no key array allocated); an inherited
 * enumerable key only makes a longer path: a handle's attributes come from its own keys.
 */
export class HandleCache<H> {
  private readonly root = new TrieNode<H>();
  private count = 0;

  constructor(private readonly capacity: number) {}

  /** The cached handle of `attributes`, if any. */
  get(attributes: Attributes | undefined): H | undefined {
    let node: TrieNode<H> | undefined = this.root;
    if (attributes === undefined || attributes === null) return node.handle;
    for (const name in attributes) {
      const value: unknown = attributes[name];
      if (value === undefined) continue;
      // The common case, a string under the node's first name, inline; anything else in `step`.
      node = typeof value === 'string' && node.name === name ? node.values?.get(value) : step(node, name, value, false);
      if (node === undefined) return undefined;
    }
    return node.handle;
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
    for (const name in attributes) {
      const value: unknown = attributes[name];
      if (value !== undefined) node = step(node, name, value, create);
      if (node === undefined) return undefined;
    }
    return node;
  }
}
