'use client';
// `stagekit/react`: the provider and hooks, and the drop-in components built on them.
export * from '../react/index.js';
export { GoLiveButton, type GoLiveButtonProps, type GoLiveButtonState } from './GoLiveButton.js';
export { EndCallButton, type EndCallButtonProps, type EndCallButtonState } from './EndCallButton.js';
export { StageRequestList, type StageRequestListProps, type StageRequestListState } from './StageRequestList.js';
export { JoinAheadCountdown, type JoinAheadCountdownProps } from './JoinAheadCountdown.js';
export { StageToggle, type StageToggleProps, type StageToggleState } from './StageToggle.js';
export { StageNotifications, noticeText, type StageNotificationsProps } from './StageNotifications.js';
export { StageStatusBadge, type StageStatusBadgeProps } from './StageStatusBadge.js';
export { LiveBadge, type LiveBadgeProps, type LiveBadgeState } from './LiveBadge.js';
export { BackstageGate, type BackstageGateProps } from './BackstageGate.js';
export { JoinCallButton, type JoinCallButtonProps, type JoinCallButtonState } from './JoinCallButton.js';
export { KickButton, type KickButtonProps } from './KickButton.js';
export { OnStageList, type OnStageListProps } from './OnStageList.js';
export { AudienceCount, type AudienceCountProps } from './AudienceCount.js';
export { AudienceList, type AudienceListProps, type AudienceListState } from './AudienceList.js';
export { formatDuration } from './format-duration.js';
export type { WhenForbidden } from './types.js';
