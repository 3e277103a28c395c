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
  values: Map<unknown, TrieNode<H> | H> | undefined;
  /** Scalars (string, number, boolean) and the DROPPED token of other names: `1` and `"1"` differ. */
  scalars: Map<string, Map<unknown, TrieNode<H> | H>> | undefined;
  /** Homogeneous arrays, by their JSON text (kept apart from strings that look alike). */
  arrays: Map<string, Map<string, TrieNode<H> | H>> | undefined;
  handle: H | undefined;
}

/**
 * What a value leads to: a node, or (the common case, a set no longer set extends) the handle
 * itself, stored straight in its parent's map so a cached series costs no node of its own.
 */
type Next<H> = TrieNode<H> | H;

function child<K, H>(byValue: Map<K, Next<H>>, key: K, create: boolean): Next<H> | undefined {
  const next = byValue.get(key);
  if (next === undefined) {
    if (!create) return undefined;
    const node = new TrieNode<H>();
    byValue.set(key, node);
    return node;
  }
  if (next instanceof TrieNode || !create) return next;
  // A longer set passes through a handle stored inline: it becomes a node keeping that handle.
  const node = new TrieNode<H>();
  node.handle = next;
  byValue.set(key, node);
  return node;
}

function branch<K, H>(table: Map<string, Map<K, Next<H>>>, name: string, create: boolean): Map<K, Next<H>> | undefined {
  let byValue = table.get(name);
  if (byValue === undefined && create) table.set(name, (byValue = new Map<K, Next<H>>()));
  return byValue;
}

/** The scalar values of `name` at `node`; `create` adds the branch. */
function scalarBranch<H>(node: TrieNode<H>, name: string, create: boolean): Map<unknown, Next<H>> | undefined {
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

/** The map and key one (name, value) step goes through at `node`; `create` adds the branch. */
function edge<H>(node: TrieNode<H>, name: string, value: unknown, create: boolean): [Map<unknown, Next<H>>, unknown] | undefined {
  if (Array.isArray(value) && isHomogeneousArray(value)) {
    if (node.arrays === undefined) {
      if (!create) return undefined;
      node.arrays = new Map();
    }
    const byValue = branch(node.arrays, name, create) as Map<unknown, Next<H>> | undefined;
    return byValue === undefined ? undefined : [byValue, JSON.stringify(value)];
  }
  const byValue = scalarBranch(node, name, create);
  if (byValue === undefined) return undefined;
  const type = typeof value;
  return [byValue, type === 'string' || type === 'number' || type === 'boolean' ? value : DROPPED];
}

/** Walks one (name, value) step; `create` adds missing nodes (and turns an inline handle into a node). */
function step<H>(node: TrieNode<H>, name: string, value: unknown, create: boolean): Next<H> | undefined {
  const found = edge(node, name, value, create);
  return found === undefined ? undefined : child(found[0], found[1], create);
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
    let node: Next<H> | undefined = this.root;
    if (attributes === undefined || attributes === null) return this.root.handle;
    for (const name in attributes) {
      const value: unknown = attributes[name];
      if (value === undefined) continue;
      // An inline handle ends its path: a longer set is not cached.
      if (!(node instanceof TrieNode)) return undefined;
      // The common case, a string under the node's first name, inline; anything else in `step`.
      node = typeof value === 'string' && node.name === name ? node.values?.get(value) : step(node, name, value, false);
      if (node === undefined) return undefined;
    }
    return node instanceof TrieNode ? node.handle : node;
  }

  /** Caches `handle` for `attributes`; `false` when the cache is full (the empty set always fits). */
  set(attributes: Attributes | undefined, handle: H): boolean {
    const steps: [string, unknown][] = [];
    if (attributes !== undefined && attributes !== null) {
      for (const name in attributes) {
        const value: unknown = attributes[name];
        if (value !== undefined) steps.push([name, value]);
      }
    }
    if (steps.length === 0) {
      this.root.handle = handle;
      return true;
    }
    const existing = this.get(attributes) !== undefined;
    if (!existing && this.count >= this.capacity) return false;
    let node: TrieNode<H> = this.root;
    for (let i = 0; i < steps.length - 1; i++) {
      const next = step(node, steps[i]![0], steps[i]![1], true);
      if (!(next instanceof TrieNode)) return false;
      node = next;
    }
    const last = steps[steps.length - 1]!;
    const found = edge(node, last[0], last[1], true);
    if (found === undefined) return false;
    const [byValue, key] = found;
    const current = byValue.get(key);
    if (current instanceof TrieNode) current.handle = handle;
    else byValue.set(key, handle);
    if (!existing) this.count++;
    return true;
  }
}
