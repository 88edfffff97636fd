'use client';
import { featureIndicator } from './feature-indicator.js';

export type { FeatureIndicatorProps as RecordingIndicatorProps, FeatureIndicatorState } from './feature-indicator.js';

/** "Recording" while the call is recorded, for everyone; an empty status region otherwise. `data-state="on|off"`. */
export const RecordingIndicator = /* @__PURE__ */ featureIndicator('recording', 'recordingOn', 'stagekit-recording-indicator');
