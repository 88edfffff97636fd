import { CAPABILITIES, type Capability } from './capabilities.js';
import { DEFAULT_SETTINGS, mergeSettings, type CallSettings, type CallSettingsOverride } from './settings.js';

/** A call type: the settings its calls start from and the capabilities each role holds on them. */
export interface CallType {
  name: string;
  settings: CallSettings;
  grants: Record<string, Capability[]>;
}

export interface CallTypePatch {
  settings?: CallSettingsOverride;
  /** Replaces the listed roles' grants; roles not listed keep theirs. */
  grants?: Record<string, Capability[]>;
}

const ALL: Capability[] = [...CAPABILITIES];

const VIEWER: Capability[] = ['create-call', 'read-call', 'join-call', 'request-stage'];

const HOST: Capability[] = ALL.filter((capability) => capability !== 'join-ended-call');

function callType(name: string, settings: CallSettingsOverride, grants: Record<string, Capability[]>): CallType {
  return { name, settings: mergeSettings(DEFAULT_SETTINGS, settings), grants };
}

/** The built-in call types, by name. A fresh copy each time, so one backend's changes never reach another. */
export function builtInCallTypes(): Map<string, CallType> {
  const types: Record<string, CallType> = {
    default: callType(
      'default',
      // A meeting: everyone sees everyone, up to a hundred.
      { backstage: { enabled: false }, audience: { list_all_up_to: 100 } },
      {
        user: ['create-call', 'read-call', 'join-call', 'send-audio', 'send-video', 'request-stage', 'join-stage'],
        call_member: ['create-call', 'read-call', 'join-call', 'send-audio', 'send-video', 'request-stage', 'join-stage'],
        host: HOST,
        admin: ALL,
      },
    ),
    livestream: callType(
      'livestream',
      { backstage: { enabled: true, join_ahead_time_seconds: 0 } },
      { user: VIEWER, call_member: VIEWER, host: HOST, admin: ALL },
    ),
    audio_room: callType(
      'audio_room',
      { backstage: { enabled: true, join_ahead_time_seconds: 0 }, video: { camera_default_on: false } },
      { user: VIEWER, call_member: VIEWER, host: HOST, admin: ALL },
    ),
    development: callType('development', { backstage: { enabled: false }, audience: { list_all_up_to: 100 } }, { user: ALL, call_member: ALL, host: ALL, admin: ALL }),
  };
  return new Map(Object.entries(types));
}

export function applyCallTypePatch(type: CallType, patch: CallTypePatch): CallType {
  return {
    name: type.name,
    settings: mergeSettings(type.settings, patch.settings),
    grants: { ...type.grants, ...patch.grants },
  };
}
