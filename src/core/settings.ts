/** Call settings, as on a call type and, partially, as a per-call override. */
export interface CallSettings {
  backstage: { enabled: boolean; join_ahead_time_seconds: number };
  audio: { mic_default_on: boolean };
  video: { camera_default_on: boolean };
  stage: {
    /** Most pending stage requests a call holds; further requests are refused. */
    max_pending_requests: number;
  };
  /** How a call is recorded, as the reference API names it. `disabled` refuses starting a recording. */
  recording: { mode: RecordingMode; quality: RecordingQuality; audio_only: boolean };
  audience: {
    /**
     * While a call has at most this many participants, everyone is shown everyone (a meeting);
     * above it, viewers get counts (a livestream). 0: always counts. Back to everyone below 80 % of it.
     */
    list_all_up_to: number;
  };
}

export const RECORDING_MODES = ['available', 'disabled', 'auto-on'] as const;
export type RecordingMode = (typeof RECORDING_MODES)[number];
export const RECORDING_QUALITIES = ['360p', '480p', '720p', '1080p', '1440p', 'portrait-360x640', 'portrait-480x854', 'portrait-720x1280', 'portrait-1080x1920', 'portrait-1440x2560'] as const;
export type RecordingQuality = (typeof RECORDING_QUALITIES)[number];

/** A per-call override: any subset of any group. */
export type CallSettingsOverride = {
  [G in keyof CallSettings]?: Partial<CallSettings[G]>;
};

export const DEFAULT_SETTINGS: CallSettings = {
  backstage: { enabled: false, join_ahead_time_seconds: 0 },
  audio: { mic_default_on: true },
  video: { camera_default_on: true },
  stage: { max_pending_requests: 100_000 },
  recording: { mode: 'available', quality: '720p', audio_only: false },
  audience: { list_all_up_to: 0 },
};

/** The effective settings: the call type's, with the call's override laid over them group by group. */
export function mergeSettings(base: CallSettings, override: CallSettingsOverride | undefined): CallSettings {
  if (!override) return base;
  return {
    backstage: { ...base.backstage, ...override.backstage },
    audio: { ...base.audio, ...override.audio },
    video: { ...base.video, ...override.video },
    stage: { ...base.stage, ...override.stage },
    // Settings stored before recording had any lack the group.
    recording: { ...DEFAULT_SETTINGS.recording, ...base.recording, ...override.recording },
    audience: { ...base.audience, ...override.audience },
  };
}

/** Lays one override over another, so a later `update` keeps what an earlier one set. */
export function mergeOverrides(
  current: CallSettingsOverride,
  next: CallSettingsOverride | undefined,
): CallSettingsOverride {
  if (!next) return current;
  const merged: CallSettingsOverride = { ...current };
  for (const group of Object.keys(next) as (keyof CallSettings)[]) {
    merged[group] = { ...current[group], ...next[group] } as never;
  }
  return merged;
}
