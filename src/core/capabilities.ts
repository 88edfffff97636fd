/** Every capability a user may hold on a call, named as in the reference APIs plus the stage trio. */
export const CAPABILITIES = [
  'create-call',
  'read-call',
  'join-call',
  'join-backstage',
  'join-ended-call',
  'update-call',
  'update-call-settings',
  'update-call-member',
  'remove-call-member',
  'end-call',
  'send-audio',
  'send-video',
  'start-broadcast-call',
  'stop-broadcast-call',
  'start-record-call',
  'stop-record-call',
  'start-transcription-call',
  'stop-transcription-call',
  'start-closed-captions-call',
  'stop-closed-captions-call',
  'request-stage',
  'join-stage',
  'manage-stage',
  'block-users',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value);
}
