import type { UseMutationResult } from '@tanstack/react-query';
import type {
  BulkStageResult,
  Call,
  CallPhase,
  Capability,
  GoLiveInput,
  Member,
  Participant,
  StageKitError,
  StageRequest,
  StageStatus,
  StopLiveInput,
  CallEvent,
  CallEventOf,
  CallSideEffect,
  ModerationInput,
} from '../../src/core/index.js';
import {
  useBackstage,
  useCall,
  useCallMembers,
  useCallState,
  useGoLive,
  useHasCapability,
  useJoinAheadCountdown,
  useJoinCall,
  useOnStage,
  useOwnCapabilities,
  useParticipants,
  useStageActions,
  useStageRequests,
  useStageStatus,
  useStopLive,
  useKickFromStage,
  useAcceptStageRequests,
  useRequestStageAccess,
  useCallEvent,
  useIsInvitedToStage,
  useRevokeStageAccess,
  useDeclineStageInvitation,
  useCallFeatures,
  useToggleRecording,
  useBlockUser,
} from '../../src/react/index.js';

test('state hooks', () => {
  expectTypeOf(useStageStatus).parameters.toEqualTypeOf<[userId?: string]>();
  expectTypeOf(useStageStatus).returns.toEqualTypeOf<StageStatus>();
  expectTypeOf(useBackstage).returns.toEqualTypeOf<{
    enabled: boolean;
    isBackstage: boolean;
    isLive: boolean;
    startsAt: Date | null;
    joinAheadTimeSeconds: number;
    joinOpensAt: Date | null;
    canJoinNow: boolean;
    liveStartedAt: Date | null;
    phase: CallPhase;
  }>();
  expectTypeOf(useJoinAheadCountdown).returns.toEqualTypeOf<{
    phase: CallPhase;
    countingTo: 'doors-open' | 'start' | null;
    secondsRemaining: number | null;
    target: Date | null;
  }>();
  expectTypeOf<CallPhase>().toEqualTypeOf<'unscheduled' | 'scheduled' | 'doors-open' | 'live' | 'ended'>();
  expectTypeOf(useStageRequests).returns.toEqualTypeOf<readonly StageRequest[]>();
  expectTypeOf(useOwnCapabilities).returns.toEqualTypeOf<readonly Capability[]>();
  expectTypeOf(useHasCapability).parameters.toEqualTypeOf<Capability[]>();
  expectTypeOf(useHasCapability).returns.toEqualTypeOf<boolean>();
  // @ts-expect-error: capabilities are a closed set
  useHasCapability('fly');
  expectTypeOf(useCallMembers).returns.toEqualTypeOf<Member[]>();
  expectTypeOf(useParticipants).returns.toEqualTypeOf<Participant[]>();
  expectTypeOf(useOnStage).returns.toEqualTypeOf<Participant[]>();
  expectTypeOf(useCall).returns.toEqualTypeOf<Call>();
  expectTypeOf(useCallState((state) => state.call?.backstage)).toEqualTypeOf<boolean | undefined>();
});

test('action hooks', () => {
  expectTypeOf(useGoLive).returns.toEqualTypeOf<UseMutationResult<void, StageKitError, GoLiveInput | void>>();
  expectTypeOf(useStopLive).returns.toEqualTypeOf<UseMutationResult<void, StageKitError, StopLiveInput | void>>();
  expectTypeOf(useJoinCall).returns.toHaveProperty('error').toEqualTypeOf<StageKitError | null>();
  const actions = useStageActions();
  expectTypeOf(actions.grantAccess.mutateAsync).parameter(0).toEqualTypeOf<string[]>();
  expectTypeOf(actions.grantAccess.mutateAsync).returns.resolves.toEqualTypeOf<BulkStageResult>();
  expectTypeOf(actions.requestAccess.mutateAsync).returns.resolves.toEqualTypeOf<{ status: StageStatus }>();
  expectTypeOf(actions).toHaveProperty('kick');
  expectTypeOf(useKickFromStage).returns.toEqualTypeOf<UseMutationResult<BulkStageResult, StageKitError, string[]>>();
  expectTypeOf(useAcceptStageRequests).returns.toEqualTypeOf<UseMutationResult<BulkStageResult, StageKitError, string[]>>();
  expectTypeOf(useRequestStageAccess).returns.toEqualTypeOf<UseMutationResult<{ status: StageStatus }, StageKitError, void>>();
  expectTypeOf<GoLiveInput>().toMatchTypeOf<
    { start_hls?: boolean; start_recording?: boolean; start_transcription?: boolean; start_closed_caption?: boolean } | undefined
  >();
});

test('events and invitations', () => {
  // A typed listener gets exactly its event's shape; '*' gets any event.
  useCallEvent('stageRequestApproved', (event) => {
    expectTypeOf(event).toEqualTypeOf<CallEventOf<'stageRequestApproved'>>();
    expectTypeOf(event.by).toEqualTypeOf<string>();
  });
  useCallEvent('*', (event) => expectTypeOf(event).toEqualTypeOf<CallEvent>());
  // @ts-expect-error: not an event type
  useCallEvent('stageExploded', () => {});
  const call = {} as Call;
  expectTypeOf(call.on('stageRemoved', () => {})).toEqualTypeOf<() => void>();
  expectTypeOf(useIsInvitedToStage).returns.toEqualTypeOf<boolean>();
  expectTypeOf(useRevokeStageAccess).returns.toEqualTypeOf<UseMutationResult<BulkStageResult, StageKitError, string[]>>();
  expectTypeOf(useDeclineStageInvitation).returns.toEqualTypeOf<UseMutationResult<{ status: StageStatus }, StageKitError, void>>();
});

test('features mid-show and moderation', () => {
  expectTypeOf(useCallFeatures).returns.toEqualTypeOf<{ hls: boolean; recording: boolean; transcribing: boolean; captioning: boolean }>();
  expectTypeOf(useToggleRecording).returns.toEqualTypeOf<UseMutationResult<void, StageKitError, boolean | void>>();
  expectTypeOf(useBlockUser).returns.toEqualTypeOf<UseMutationResult<void, StageKitError, ModerationInput>>();
  expectTypeOf<ModerationInput>().toEqualTypeOf<{ user_id: string; reason?: string | undefined }>();
  const call = {} as Call;
  expectTypeOf(call.startFeature).parameter(0).toEqualTypeOf<CallSideEffect>();
  // @ts-expect-error: not a feature
  void call.startFeature('fireworks');
  useCallEvent('call.user_blocked', (event) => expectTypeOf(event.reason).toEqualTypeOf<string | undefined>());
});
