import * as fc from 'fast-check';
import { PersistentMap } from '../../src/core/persistent-map.js';

// The map behind a call's participants: it must agree with a plain Map after any sequence of
// changes, and never change a version another record still holds.

it('agrees with a Map after any sequence of sets and deletes, and leaves earlier versions as they were', () => {
  const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', 'constructor', 'a', 'b'), fc.nat({ max: 3000 }).map(String));
  const op = fc.oneof(fc.tuple(fc.constant('set' as const), key, fc.integer()), fc.tuple(fc.constant('delete' as const), key, fc.constant(0)));
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      let map = PersistentMap.empty<number>();
      const model = new Map<string, number>();
      const versions: [PersistentMap<number>, [string, number][]][] = [];
      for (const [kind, k, value] of ops) {
        versions.push([map, [...model].sort()]);
        if (kind === 'set') {
          map = map.set(k, value);
          model.set(k, value);
        } else {
          map = map.delete(k);
          model.delete(k);
        }
        expect(map.size).toBe(model.size);
        expect(map.get(k)).toBe(model.get(k));
      }
      expect([...map].sort()).toEqual([...model].sort());
      for (const [version, entries] of versions) expect([...version].sort()).toEqual(entries);
    }),
    { numRuns: 200 },
  );
});

it('holds tens of thousands of keys, their own properties only', () => {
  let map = PersistentMap.empty<number>();
  for (let i = 0; i < 50_000; i += 1) map = map.set(`viewer-${i}`, i);
  expect(map.size).toBe(50_000);
  expect(map.get('viewer-49999')).toBe(49_999);
  expect(map.get('toString')).toBeUndefined();
  expect(map.get('constructor')).toBeUndefined();
  const json = map.set('__proto__', -1).toJSON();
  expect(Object.hasOwn(json, '__proto__')).toBe(true);
  expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
});

it('makes a batch of changes as the same changes one at a time would, leaving the map it started from as it was', () => {
  const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'a', 'b'), fc.nat({ max: 3000 }).map(String));
  const op = fc.oneof(fc.tuple(fc.constant('set' as const), key, fc.integer()), fc.tuple(fc.constant('delete' as const), key, fc.constant(0)));
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), fc.array(op, { maxLength: 300 }), (before, batch) => {
      let start = PersistentMap.empty<number>();
      for (const [kind, k, value] of before) start = kind === 'set' ? start.set(k, value) : start.delete(k);
      const startEntries = [...start].sort();
      let oneByOne = start;
      for (const [kind, k, value] of batch) oneByOne = kind === 'set' ? oneByOne.set(k, value) : oneByOne.delete(k);
      const batched = start.batch((draft) => {
        for (const [kind, k, value] of batch) {
          if (kind === 'set') draft.set(k, value);
          else draft.delete(k);
        }
      });
      expect(batched.size).toBe(oneByOne.size);
      expect([...batched].sort()).toEqual([...oneByOne].sort());
      for (const [, k] of batch) expect(batched.get(k)).toBe(oneByOne.get(k));
      expect([...start].sort()).toEqual(startEntries);
      // The batch's nodes are its own no longer: changing the result leaves it as it was.
      const after = [...batched].sort();
      batched.set('x', 1).delete(batch[0]?.[1] ?? 'a');
      expect([...batched].sort()).toEqual(after);
    }),
    { numRuns: 200 },
  );
});

it('empties a map of 10,000 in one batch, leaving the map it started from as it was', () => {
  let map = PersistentMap.empty<number>();
  for (let i = 0; i < 10_000; i += 1) map = map.set(`viewer-${i}`, i);
  const emptied = map.batch((draft) => {
    for (let i = 0; i < 10_000; i += 1) draft.delete(`viewer-${i}`);
  });
  expect(emptied.size).toBe(0);
  expect([...emptied]).toEqual([]);
  expect(map.size).toBe(10_000);
  expect(map.get('viewer-9999')).toBe(9999);
});
