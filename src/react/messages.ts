import type { StageKitErrorCode, StageSkipReason } from '../core/index.js';

/**
 * Every user-facing string of the drop-in components. Override any subset through
 * `<StageKitProvider messages>` or a component's `labels` prop. Functions take the values they show.
 */
export interface StageKitMessages {
  goLive: string;
  stopLive: string;
  goingLive: string;
  stoppingLive: string;
  confirmStopLive: string;
  confirmStopLiveYes: string;
  confirmStopLiveNo: string;
  endCall: string;
  endingCall: string;
  confirmEndCall: string;
  confirmEndCallYes: string;
  confirmEndCallNo: string;
  startHls: string;
  startRecording: string;
  continueHls: string;
  continueRecording: string;
  requestStage: string;
  cancelRequest: string;
  joinStage: string;
  leaveStage: string;
  stageRequests: string;
  requestCount: (count: number) => string;
  noRequests: string;
  accept: string;
  deny: string;
  acceptUser: (name: string) => string;
  /** How long ago a request was made, from whole minutes: "asked 2 min ago". */
  requestedAgo: (minutes: number) => string;
  denyUser: (name: string) => string;
  acceptAll: string;
  denyAll: string;
  kick: string;
  kickUser: (name: string) => string;
  stageStatus: Record<'OFF_STAGE' | 'REQUESTED_TO_JOIN_STAGE' | 'ACCEPTED_TO_JOIN_STAGE' | 'ON_STAGE', string>;
  live: string;
  backstage: string;
  ended: string;
  doorsOpenIn: (time: string) => string;
  startsIn: (time: string) => string;
  startingSoon: string;
  doorsOpen: string;
  waitingForHost: string;
  notScheduled: string;
  waitingRoom: string;
  joinCall: string;
  joiningCall: string;
  loading: string;
  leaveCall: string;
  /** JoinCallButton, when joining is refused for who you are rather than for a missing capability. */
  joinBlocked: string;
  joinTeamOnly: string;
  onStage: string;
  nobodyOnStage: string;
  /** StageToggle, for an invitation (or an approval) waiting for your answer. */
  acceptInvitation: string;
  declineInvitation: string;
  /** StageStatusBadge for an ACCEPTED user who was invited rather than approved. */
  invitedToStage: string;
  /** AudienceCount: everyone in the call, in the reader's locale. */
  audienceCount: (count: number) => string;
  /** AudienceList. */
  audience: string;
  searchAudience: string;
  loadingAudience: string;
  nobodyInAudience: string;
  nobodyFound: (search: string) => string;
  showMoreAudience: string;
  invite: string;
  inviteUser: (name: string) => string;
  /** What an audience row says for someone who may join the stage, was invited to it, or is on it. */
  audienceStatus: Record<'ACCEPTED_TO_JOIN_STAGE' | 'INVITED' | 'ON_STAGE', string>;
  /** FeatureToggles: the group's name, and each toggle's (its state is aria-pressed, not its words). */
  featureToggles: string;
  featureNames: Record<'hls' | 'recording' | 'transcribing' | 'captioning', string>;
  /** RecordingIndicator and BroadcastIndicator while the feature runs. */
  recordingOn: string;
  broadcastOn: string;
  /** Moderation controls in the on-stage and audience rows; the visible text is part of each name. */
  removeFromCall: string;
  removeUserFromCall: (name: string) => string;
  block: string;
  blockUser: (name: string) => string;
  confirmBlock: (name: string) => string;
  confirmBlockYes: string;
  confirmBlockNo: string;
  /** What a failed action says, per error code: never the engine's own sentence. Codes left out keep `defaultErrorMessages`. */
  errors?: Partial<Record<StageKitErrorCode, string>>;
  /** Why a bulk decision skipped a user, in words. Reasons left out keep `defaultSkipMessages`. */
  skipReasons?: Partial<Record<StageSkipReason, (name: string) => string>>;
  /** The summary of a bulk decision that skipped some users. */
  bulkSummary?: (applied: number, skipped: number) => string;
  /** StageNotifications' strings; any left out keep `defaultNoticeMessages`. */
  notifications?: string;
  dismiss?: string;
  /** The Dismiss button's full name; it must contain `dismiss`, the visible text (WCAG 2.5.3). */
  dismissNotice?: (text: string) => string;
  noticeApproved?: string;
  noticeInvited?: string;
  noticeDenied?: string;
  noticeRevoked?: string;
  noticeRemoved?: string;
  noticeRequest?: (name: string, pending: number) => string;
  noticeWithdrawn?: (name: string) => string;
  noticeDeclined?: (name: string, invited: boolean) => string;
  noticeDecided?: (name: string, by: string) => string;
  /** You were taken out of the call, or blocked from it; `reason` as the moderator gave it. */
  noticeCallRemoved?: (reason?: string) => string;
  noticeBlocked?: (reason?: string) => string;
}

// The strings come in groups, one per component (the live badge, the countdown and the gate share
// one), so a component bundles only its own words: `defaultMessages` is assembled from the groups
// by a pure call, which a bundler drops from an app that does not use it.

export const goLiveMessages = {
  goLive: 'Go live',
  stopLive: 'Stop live',
  goingLive: 'Going live…',
  stoppingLive: 'Stopping…',
  confirmStopLive: 'Stop the livestream? Viewers will be removed.',
  confirmStopLiveYes: 'Stop live',
  confirmStopLiveNo: 'Keep streaming',
  startHls: 'Start HLS broadcast',
  startRecording: 'Start recording',
  continueHls: 'Keep HLS broadcast running',
  continueRecording: 'Keep recording',
} satisfies Partial<StageKitMessages>;

export const endCallMessages = {
  endCall: 'End call',
  endingCall: 'Ending…',
  confirmEndCall: 'End the call for everyone? No one can rejoin.',
  confirmEndCallYes: 'End call',
  confirmEndCallNo: 'Cancel',
} satisfies Partial<StageKitMessages>;

export const stageToggleMessages = {
  requestStage: 'Request to join stage',
  cancelRequest: 'Cancel request',
  joinStage: 'Join stage',
  leaveStage: 'Leave stage',
  acceptInvitation: 'Join stage',
  declineInvitation: 'Decline',
} satisfies Partial<StageKitMessages>;

export const stageRequestMessages = {
  stageRequests: 'Stage requests',
  requestCount: (count) => `${count} pending`,
  noRequests: 'No one is asking to join the stage.',
  accept: 'Accept',
  deny: 'Deny',
  acceptUser: (name) => `Accept ${name}`,
  denyUser: (name) => `Deny ${name}`,
  // The number and unit in the reader's locale; the sentence around it is the message's.
  requestedAgo: (minutes) => `asked ${minutes < 1 ? 'just now' : new Intl.RelativeTimeFormat(undefined, { style: 'short' }).format(-minutes, 'minute')}`,
  acceptAll: 'Accept all',
  denyAll: 'Deny all',
} satisfies Partial<StageKitMessages>;

export const kickMessages = {
  // The visible text must be part of the button's name, kickUser (WCAG 2.5.3, label in name).
  kick: 'Off stage',
  kickUser: (name) => `Take ${name} off stage`,
} satisfies Partial<StageKitMessages>;

export const stageStatusMessages = {
  stageStatus: {
    OFF_STAGE: 'Off stage',
    REQUESTED_TO_JOIN_STAGE: 'Requested',
    ACCEPTED_TO_JOIN_STAGE: 'Approved',
    ON_STAGE: 'On stage',
  },
  invitedToStage: 'Invited to stage',
} satisfies Partial<StageKitMessages>;

/** The call's phase in words: the live badge, the countdown, and the backstage gate's waiting room. */
export const phaseMessages = {
  live: 'Live',
  backstage: 'Backstage',
  ended: 'Ended',
  doorsOpen: 'Doors are open',
  doorsOpenIn: (time) => `Doors open in ${time}`,
  startsIn: (time) => `Starts in ${time}`,
  startingSoon: 'Starting soon',
  waitingForHost: 'Waiting for the host to go live',
  notScheduled: 'Not scheduled yet',
  waitingRoom: 'Waiting room',
  loading: 'Loading…',
} satisfies Partial<StageKitMessages>;

export const joinCallMessages = {
  joinCall: 'Join',
  joiningCall: 'Joining…',
  leaveCall: 'Leave',
  joinBlocked: 'You are blocked from this call.',
  joinTeamOnly: 'This call is only for members of its team.',
} satisfies Partial<StageKitMessages>;

export const onStageMessages = {
  onStage: 'On stage',
  nobodyOnStage: 'No one is on stage.',
} satisfies Partial<StageKitMessages>;

export const audienceMessages = {
  audienceCount: (count) => `${count.toLocaleString()} watching`,
  audience: 'Audience',
  searchAudience: 'Search the audience',
  loadingAudience: 'Loading the audience…',
  nobodyInAudience: 'No one is here yet.',
  nobodyFound: (search) => `No one matches “${search}”.`,
  showMoreAudience: 'Show more',
  // The visible text is part of the button's name (WCAG 2.5.3, label in name).
  invite: 'Invite',
  inviteUser: (name) => `Invite ${name} to the stage`,
  audienceStatus: { ACCEPTED_TO_JOIN_STAGE: 'May join the stage', INVITED: 'Invited', ON_STAGE: 'On stage' },
} satisfies Partial<StageKitMessages>;

export const featureMessages = {
  featureToggles: 'Show features',
  featureNames: { hls: 'Broadcast', recording: 'Record', transcribing: 'Transcribe', captioning: 'Captions' },
} satisfies Partial<StageKitMessages>;

export const indicatorMessages = {
  recordingOn: 'Recording',
  broadcastOn: 'Broadcasting',
} satisfies Partial<StageKitMessages>;

export const moderationMessages = {
  removeFromCall: 'Remove',
  removeUserFromCall: (name) => `Remove from call: ${name}`,
  block: 'Block',
  blockUser: (name) => `Block ${name}`,
  confirmBlock: (name) => `Block ${name}? They are removed and cannot come back until unblocked.`,
  confirmBlockYes: 'Block',
  confirmBlockNo: 'Cancel',
} satisfies Partial<StageKitMessages>;

// A message in no group fails to compile here.
type Grouped = typeof goLiveMessages &
  typeof endCallMessages &
  typeof stageToggleMessages &
  typeof stageRequestMessages &
  typeof kickMessages &
  typeof stageStatusMessages &
  typeof phaseMessages &
  typeof joinCallMessages &
  typeof onStageMessages &
  typeof audienceMessages &
  typeof featureMessages &
  typeof indicatorMessages &
  typeof moderationMessages;

/** The English strings the components show unless `<StageKitProvider messages>` or a `labels` prop overrides them. */
export const defaultMessages: StageKitMessages = /* @__PURE__ */ Object.assign(
  {},
  goLiveMessages,
  endCallMessages,
  stageToggleMessages,
  stageRequestMessages,
  kickMessages,
  stageStatusMessages,
  phaseMessages,
  joinCallMessages,
  onStageMessages,
  audienceMessages,
  featureMessages,
  indicatorMessages,
  moderationMessages,
) as Grouped;
