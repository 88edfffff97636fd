export { StageKitProvider, type StageKitProviderProps } from './StageKitProvider.js';
export { StageCall, type StageCallProps } from './StageCall.js';
export { useMaybeCall } from './context.js';
export { useCall, useCallState } from './useCall.js';
export { useStageStatus } from './useStageStatus.js';
export { useIsInvitedToStage } from './useStageInvited.js';
export { useCallEvent } from './useCallEvent.js';
export { useStageNotices, type StageNotice, type StageNoticeKind, type UseStageNoticesOptions, type UseStageNoticesResult } from './useStageNotices.js';
export { useBackstage, type UseBackstageResult } from './useBackstage.js';
export { useCallPhase, type UseCallPhaseResult } from './useCallPhase.js';
export { useJoinAheadCountdown, type UseJoinAheadCountdownResult } from './useJoinAheadCountdown.js';
export { useStageRequests } from './useStageRequests.js';
export { useMinutesSince } from './useMinutesSince.js';
export { useOwnCapabilities, useHasCapability } from './useCapabilities.js';
export { useCallMembers } from './useCallMembers.js';
export { useParticipants, useIsInCall } from './useParticipants.js';
export { useOnStage } from './useOnStage.js';
export { useParticipantCount, useParticipantCountByRole } from './useParticipantCount.js';
export { useAudience, type UseAudienceOptions, type UseAudienceResult } from './useAudience.js';
export { useCallStatus, type UseCallStatusResult } from './useCallStatus.js';
export {
  useGoLive,
  useStopLive,
  useEndCall,
  useJoinCall,
  useLeaveCall,
  useUpdateCall,
  useUpdateCallMembers,
  type UseGoLiveResult,
  type UseStopLiveResult,
  type UseEndCallResult,
  type UseJoinCallResult,
  type UseLeaveCallResult,
  type UseUpdateCallResult,
  type UseUpdateCallMembersResult,
} from './useCallActions.js';
export {
  useStageActions,
  useRequestStageAccess,
  useCancelStageRequest,
  useDeclineStageInvitation,
  useJoinStage,
  useLeaveStage,
  useGrantStageAccess,
  useAcceptStageRequests,
  useDenyStageAccess,
  useRevokeStageAccess,
  useKickFromStage,
  type UseStageActionsResult,
} from './useStageActions.js';
export { useCallFeature, useCallFeatures, type UseCallFeaturesResult } from './useCallFeatures.js';
export {
  useToggleFeature,
  useToggleBroadcast,
  useToggleRecording,
  useToggleTranscription,
  useToggleClosedCaptions,
  type UseFeatureToggleResult,
} from './useFeatureToggles.js';
export { useRemoveParticipant, useBlockUser, useUnblockUser, useBlockedUsers, type UseModerationResult } from './useModeration.js';
export type { CallMutation, CallMutationOptions } from './useCallMutation.js';
export { useMessages, useMessagesFor } from './useMessages.js';
export {
  defaultMessages,
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
  type StageKitMessages,
} from './messages.js';
export { defaultErrorMessages, defaultSkipMessages } from './error-messages.js';
export { defaultNoticeMessages, type StageNoticeMessages } from './notice-messages.js';
