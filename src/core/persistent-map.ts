/**
 * An immutable map from strings to values whose `set` and `delete` return a new map sharing all
 * but one path with the old one: a hash trie, 32 ways a level. The engine keeps a call's
 * participants in one, so a join into an audience of 50,000 copies a few dozen slots, not 50,000
 * entries, and every earlier record stays as it was.
 */
export class PersistentMap<V> implements Iterable<[string, V]> {
  private constructor(
    private readonly root: Slot<V>[] | null,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(null, 0);
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    let node = this.root;
    const hash = hashOf(key);
    for (let shift = 0; node; shift += BITS) {
      const slot = node[(hash >>> shift) & MASK];
      if (slot === undefined) return undefined;
      if (slot instanceof Leaf) return find(slot, key)?.[1];
      node = slot;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    const result = { added: false };
    const root = insert(this.root ?? [], hashOf(key), 0, key, value, result);
    return new PersistentMap(root, this.size + (result.added ? 1 : 0));
  }

  delete(key: string): PersistentMap<V> {
    if (!this.root || !this.has(key)) return this;
    const root = remove(this.root, hashOf(key), 0, key);
    return root ? new PersistentMap(root, this.size - 1) : PersistentMap.empty<V>();
  }

  /** Calls `visit` with every entry: quicker than iterating, for a pass over a whole audience. */
  forEach(visit: (value: V, key: string) => void): void {
    if (this.root) visitAll(this.root, visit);
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    if (this.root) yield* walk(this.root);
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this) yield value;
  }

  /** A plain record of the entries, for JSON and for tests; costs time in proportion to the size. */
  toJSON(): Record<string, V> {
    const record: Record<string, V> = {};
    for (const [key, value] of this) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    return record;
  }
}

const BITS = 5;
const MASK = (1 << BITS) - 1;

/** One entry; on the last level, every entry whose whole hash is the same. */
class Leaf<V> {
  constructor(readonly entries: readonly (readonly [string, V])[]) {}
}

type Slot<V> = Leaf<V> | Slot<V>[] | undefined;

function find<V>(leaf: Leaf<V>, key: string): readonly [string, V] | undefined {
  for (const entry of leaf.entries) if (entry[0] === key) return entry;
  return undefined;
}

function insert<V>(node: Slot<V>[], hash: number, shift: number, key: string, value: V, result: { added: boolean }): Slot<V>[] {
  const index = (hash >>> shift) & MASK;
  const slot = node[index];
  const next = node.slice();
  if (slot === undefined) {
    result.added = true;
    next[index] = new Leaf([[key, value]]);
  } else if (slot instanceof Leaf) {
    if (find(slot, key)) {
      next[index] = new Leaf(slot.entries.map((entry) => (entry[0] === key ? ([key, value] as const) : entry)));
    } else if (shift + BITS >= 32) {
      // No bits of hash left: the keys collide for good and share the leaf.
      result.added = true;
      next[index] = new Leaf([...slot.entries, [key, value]]);
    } else {
      // Above the last level a leaf holds one entry: push it a level down, then add the key there.
      const child: Slot<V>[] = [];
      child[(hashOf(slot.entries[0]![0]) >>> (shift + BITS)) & MASK] = slot;
      next[index] = insert(child, hash, shift + BITS, key, value, result);
    }
  } else {
    next[index] = insert(slot, hash, shift + BITS, key, value, result);
  }
  return next;
}

/** The node without `key`, or undefined once it holds nothing. */
function remove<V>(node: Slot<V>[], hash: number, shift: number, key: string): Slot<V>[] | undefined {
  const index = (hash >>> shift) & MASK;
  const slot = node[index];
  let replacement: Slot<V>;
  if (slot instanceof Leaf) {
    const entries = slot.entries.filter((entry) => entry[0] !== key);
    replacement = entries.length > 0 ? new Leaf(entries) : undefined;
  } else if (slot !== undefined) {
    replacement = remove(slot, hash, shift + BITS, key);
  }
  const next = node.slice();
  next[index] = replacement;
  return next.some((child) => child !== undefined) ? next : undefined;
}

function visitAll<V>(node: Slot<V>[], visit: (value: V, key: string) => void): void {
  for (const slot of node) {
    if (slot === undefined) continue;
    if (slot instanceof Leaf) for (const [key, value] of slot.entries) visit(value, key);
    else visitAll(slot, visit);
  }
}

function* walk<V>(node: Slot<V>[]): IterableIterator<[string, V]> {
  for (const slot of node) {
    if (slot === undefined) continue;
    if (slot instanceof Leaf) for (const [key, value] of slot.entries) yield [key, value];
    else yield* walk(slot);
  }
}

/** FNV-1a over the key's UTF-16 code units: fast, and spread well enough for ids. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
