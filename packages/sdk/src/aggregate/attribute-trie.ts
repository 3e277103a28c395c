import type { Attributes } from '@opentelemetry/api';

/** Stands for a value the trie does not key on: never stored, so always a miss. */
const UNKEYED = Symbol('unkeyed');

/**
 * The trie key of one attribute: strings, numbers and booleans as themselves (a `Map` keeps `1`
 * and `"1"` apart, and `0` and `-0` together, as OTel's JSON hash does). Anything else (`null`,
 * `undefined`, arrays, objects) and the empty key are not keyed: such sets take the caller's slow
 * path (OTel's canonical key, or the facade's sanitizing), whose rules differ for them.
 */
function keyOf(name: string, value: unknown): unknown {
  if (name === '') return UNKEYED;
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? value : UNKEYED;
}

/**
 * A literal or `Object.create(null)` object: its enumerable keys are its own. Anything else (a
 * class instance, an object with a prototype of its own) takes the slow path every time, as in OTel.
 */
function isPlain(attributes: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(attributes);
  return prototype === Object.prototype || prototype === null;
}

/** One step: the first attribute name seen here inline (call sites rarely vary key order). */
class TrieNode<T> {
  name: string | undefined;
  values: Map<unknown, Next<T>> | undefined;
  /** Names other than `name`. */
  others: Map<string, Map<unknown, Next<T>>> | undefined;
  value: T | undefined;
}

/** A value ending a path is stored inline in its parent's map until a longer path passes through. */
type Next<T> = TrieNode<T> | T;

/**
 * Values by attribute literal, without hashing: a path of (name, value) steps over the object's own
 * keys in their own order, one or two `Map` lookups per attribute and nothing allocated. The same set written in another key order is another path to the same value. Paths are
 * added by the slow path once it has found the value by the canonical key; at most `capacity`
 * paths are kept, then misses stay misses.
 */
export class AttributeTrie<T extends object> {
  private readonly root = new TrieNode<T>();
  private paths = 0;

  constructor(private readonly capacity: number) {}

  get(attributes: Readonly<Attributes>): T | undefined {
    // isPlain(), written out: on the hot path a call here costs as much as the walk.
    const prototype: unknown = Object.getPrototypeOf(attributes);
    if (prototype !== Object.prototype && prototype !== null) return undefined;
    let node: Next<T> | undefined = this.root;
    // `for...in` allocates no key list; on a plain object it enumerates exactly the own keys. Only
    // keyed values are ever stored, so any other value (or the empty name) simply finds nothing.
    for (const name in attributes) {
      if (!(node instanceof TrieNode)) return undefined;
      const byValue: Map<unknown, Next<T>> | undefined = node.name === name ? node.values : node.others?.get(name);
      node = byValue?.get(attributes[name]);
      if (node === undefined) return undefined;
    }
    return node instanceof TrieNode ? node.value : node;
  }

  /** Adds the path of `attributes` to `value`; `false` when a value is not keyed or the trie is full. */
  set(attributes: Readonly<Attributes>, value: T): boolean {
    if (!isPlain(attributes)) return false;
    const names = Object.keys(attributes);
    const keys = names.map((name) => keyOf(name, attributes[name]));
    if (keys.includes(UNKEYED)) return false;
    if (names.length === 0) return this.store(this.root, value);
    let node = this.root;
    for (let i = 0; i < names.length - 1; i++) node = this.child(node, names[i]!, keys[i]);
    const byValue = this.branch(node, names[names.length - 1]!);
    const last = keys[keys.length - 1];
    const current = byValue.get(last);
    if (current instanceof TrieNode) return this.store(current, value);
    if (current === undefined && this.paths >= this.capacity) return false;
    if (current === undefined) this.paths++;
    byValue.set(last, value);
    return true;
  }

  private store(node: TrieNode<T>, value: T): boolean {
    if (node.value === undefined) {
      if (this.paths >= this.capacity) return false;
      this.paths++;
    }
    node.value = value;
    return true;
  }

  /** The node after one step, created (or made from an inline value) when missing. */
  private child(node: TrieNode<T>, name: string, key: unknown): TrieNode<T> {
    const byValue = this.branch(node, name);
    const next = byValue.get(key);
    if (next instanceof TrieNode) return next;
    const created = new TrieNode<T>();
    created.value = next;
    byValue.set(key, created);
    return created;
  }

  private branch(node: TrieNode<T>, name: string): Map<unknown, Next<T>> {
    if (node.name === undefined) node.name = name;
    if (node.name === name) return (node.values ??= new Map<unknown, Next<T>>());
    node.others ??= new Map<string, Map<unknown, Next<T>>>();
    let byValue = node.others.get(name);
    if (byValue === undefined) node.others.set(name, (byValue = new Map<unknown, Next<T>>()));
    return byValue;
  }
}
