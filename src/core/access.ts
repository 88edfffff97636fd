import { CAPABILITIES, type Capability } from './capabilities.js';
import type { CallType } from './call-types.js';
import type { CallRecord, StageStatus } from './model.js';
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

/** What being on stage brings: whoever is ON_STAGE may publish, whatever their role grants. */
export const ON_STAGE_CAPABILITIES: readonly Capability[] = ['send-audio', 'send-video'];

/**
 * A user's capabilities with their stage status laid over their roles' grants: ON_STAGE adds
 * `send-audio` and `send-video`; any other status leaves the roles' grants as they are.
 */
export function withStageCapabilities(roleCapabilities: readonly Capability[], status: StageStatus | undefined): Capability[] {
  if (status !== 'ON_STAGE' || ON_STAGE_CAPABILITIES.every((c) => roleCapabilities.includes(c))) return roleCapabilities as Capability[];
  const held = new Set<Capability>([...roleCapabilities, ...ON_STAGE_CAPABILITIES]);
  return CAPABILITIES.filter((capability) => held.has(capability));
}
