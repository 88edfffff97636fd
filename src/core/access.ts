import { CAPABILITIES, type Capability } from './capabilities.js';
import type { CallType } from './call-types.js';
import type { CallRecord } from './model.js';
import { own } from './own.js';

export const DEFAULT_ROLE = 'user';

/**
 * What a user may do on a call: the call type's grants for their global role plus those for their
 * member role. Derived on every use, never stored, so a changed grant takes effect at once.
 */
export function capabilitiesOf(
  type: CallType,
  call: Pick<CallRecord, 'members'> | null,
  userId: string,
  globalRole: string | undefined,
): Capability[] {
  const held = new Set<Capability>(own(type.grants, globalRole ?? DEFAULT_ROLE) ?? []);
  const memberRole = own(call?.members, userId)?.role;
  if (memberRole !== undefined) for (const capability of own(type.grants, memberRole) ?? []) held.add(capability);
  // Canonical order, so two derivations of the same set compare equal element by element.
  return CAPABILITIES.filter((capability) => held.has(capability));
}

export function sameCapabilities(a: readonly Capability[], b: readonly Capability[]): boolean {
  return a.length === b.length && a.every((capability, index) => capability === b[index]);
}
