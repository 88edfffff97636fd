'use client';
import { featureIndicator } from './feature-indicator.js';

export type { FeatureIndicatorProps as BroadcastIndicatorProps } from './feature-indicator.js';

/** "Broadcasting" while HLS broadcasting runs, for everyone; an empty status region otherwise. `data-state="on|off"`. */
export const BroadcastIndicator = /* @__PURE__ */ featureIndicator('hls', 'broadcastOn', 'stagekit-broadcast-indicator');
