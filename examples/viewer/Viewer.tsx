import {
  formatDuration,
  useBackstage,
  useCallStatus,
  useIsInCall,
  useJoinAheadCountdown,
  useJoinCall,
  useLeaveCall,
  useOnStage,
  useStageActions,
  useStageStatus,
} from 'stagekit/react';

// A viewer's page built from the hooks alone, with markup of its own: what an app does when the
// drop-in components do not fit its design. Every value is read through a hook, every action is a
// mutation, so pending and error states come for free.

function Countdown() {
  const { phase, secondsRemaining } = useJoinAheadCountdown();
  if (phase === 'unscheduled') return <p>Not scheduled yet.</p>;
  if (phase === 'ended') return <p>The show has ended. Thanks for watching.</p>;
  if (phase === 'live') return <p>Live now.</p>;
  const what = phase === 'scheduled' ? 'Doors open' : 'Starts';
  return <p aria-live="polite">{secondsRemaining === null ? what : `${what} in ${formatDuration(secondsRemaining)}`}</p>;
}

function JoinOrLeave() {
  const { canJoinNow } = useBackstage();
  const inCall = useIsInCall();
  const join = useJoinCall();
  const leave = useLeaveCall();
  if (inCall) {
    return (
      <button type="button" disabled={leave.isPending} onClick={() => leave.mutate()}>
        Leave
      </button>
    );
  }
  return (
    <>
      <button type="button" disabled={!canJoinNow || join.isPending} onClick={() => join.mutate()}>
        Join
      </button>
      {join.error && <p role="alert">{join.error.message}</p>}
    </>
  );
}

function StageControls() {
  const status = useStageStatus();
  const { requestAccess, cancelRequestAccess, join, leave } = useStageActions();
  const inCall = useIsInCall();
  if (!inCall) return null;
  switch (status) {
    case 'OFF_STAGE':
      return (
        <button type="button" disabled={requestAccess.isPending} onClick={() => requestAccess.mutate()}>
          Ask to speak
        </button>
      );
    case 'REQUESTED_TO_JOIN_STAGE':
      return (
        <button type="button" disabled={cancelRequestAccess.isPending} onClick={() => cancelRequestAccess.mutate()}>
          Waiting for the host… cancel
        </button>
      );
    case 'ACCEPTED_TO_JOIN_STAGE':
      return (
        <button type="button" disabled={join.isPending} onClick={() => join.mutate()}>
          Step on stage
        </button>
      );
    case 'ON_STAGE':
      return (
        <button type="button" disabled={leave.isPending} onClick={() => leave.mutate()}>
          Step off stage
        </button>
      );
    default:
      return null;
  }
}

function OnStage() {
  const speakers = useOnStage();
  if (speakers.length === 0) return null;
  return <p>On stage: {speakers.map((speaker) => speaker.user_id).join(', ')}</p>;
}

export function Viewer() {
  const { status } = useCallStatus();
  if (status !== 'ready') return <p>Loading the show…</p>;
  return (
    <section aria-label="The show">
      <Countdown />
      <JoinOrLeave />
      <StageControls />
      <OnStage />
    </section>
  );
}
