/**
 * Reads a record keyed by user data (user ids, roles, type names) by its own properties only, so a
 * key such as `constructor` or `toString` finds nothing instead of `Object.prototype`'s members.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Names that would collide with an object's inherited members. The schemas refuse them as user
 * ids, roles, call types and call ids, so user data can never reach a prototype.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'toLocaleString',
  'toString',
  'valueOf',
]);
