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
    return lookup(this.root, key);
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

  /**
   * The map with many changes made at once: `edit` sets and deletes through a draft, and each node
   * is copied once for the whole batch rather than once per change (a bulk decision over thousands
   * of users). This map stays as it was.
   */
  batch(edit: (draft: MapDraft<V>) => void): PersistentMap<V> {
    // The nodes this batch copied: no map holds them yet, so the batch's later changes make them in place.
    const owned = new Set<Slot<V>[]>();
    let root = this.root;
    let size = this.size;
    edit({
      set: (key, value) => {
        const result = { added: false };
        root = insert(root ?? [], hashOf(key), 0, key, value, result, owned);
        if (result.added) size += 1;
      },
      delete: (key) => {
        if (!root || lookup(root, key) === undefined) return;
        root = remove(root, hashOf(key), 0, key, owned) ?? null;
        size -= 1;
      },
    });
    return root ? new PersistentMap(root, size) : PersistentMap.empty<V>();
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

/** What `batch` hands its edit: the changes to make to the map it builds. */
export interface MapDraft<V> {
  set(key: string, value: V): void;
  delete(key: string): void;
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

function lookup<V>(root: Slot<V>[] | null, key: string): V | undefined {
  let node = root;
  const hash = hashOf(key);
  for (let shift = 0; node; shift += BITS) {
    const slot = node[(hash >>> shift) & MASK];
    if (slot === undefined) return undefined;
    if (slot instanceof Leaf) return find(slot, key)?.[1];
    node = slot;
  }
  return undefined;
}

/** A copy of `node` to change, or `node` itself when a batch already copied it (`owned`). */
function writable<V>(node: Slot<V>[], owned: Set<Slot<V>[]> | undefined): Slot<V>[] {
  if (owned?.has(node)) return node;
  const copy = node.slice();
  owned?.add(copy);
  return copy;
}

function insert<V>(node: Slot<V>[], hash: number, shift: number, key: string, value: V, result: { added: boolean }, owned?: Set<Slot<V>[]>): Slot<V>[] {
  const index = (hash >>> shift) & MASK;
  const slot = node[index];
  const next = writable(node, owned);
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
      next[index] = insert(child, hash, shift + BITS, key, value, result, owned);
    }
  } else {
    next[index] = insert(slot, hash, shift + BITS, key, value, result, owned);
  }
  return next;
}

/** The node without `key`, or undefined once it holds nothing. */
function remove<V>(node: Slot<V>[], hash: number, shift: number, key: string, owned?: Set<Slot<V>[]>): Slot<V>[] | undefined {
  const index = (hash >>> shift) & MASK;
  const slot = node[index];
  let replacement: Slot<V>;
  if (slot instanceof Leaf) {
    const entries = slot.entries.filter((entry) => entry[0] !== key);
    replacement = entries.length > 0 ? new Leaf(entries) : undefined;
  } else if (slot !== undefined) {
    replacement = remove(slot, hash, shift + BITS, key, owned);
  }
  const next = writable(node, owned);
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
