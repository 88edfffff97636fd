import { act, render } from '@testing-library/react';
import { useEffect } from 'react';
import { createManualClock, createMemoryBackend } from '../../src/core/index.js';
import { StageCall, StageKitProvider, useHasCapability, useStageStatus } from '../../src/components/index.js';

// The README's recipe "publish only while on stage", as written, against a stand-in media room.
interface YourMediaRoom {
  setMicrophoneEnabled(on: boolean): Promise<void>;
  setCameraEnabled(on: boolean): Promise<void>;
}

function PublishWhileOnStage({ room }: { room: YourMediaRoom }) {
  const onStage = useStageStatus() === 'ON_STAGE';
  const mayAudio = useHasCapability('send-audio');
  const mayVideo = useHasCapability('send-video');
  useEffect(() => {
    // Turn tracks on when allowed, and off the moment a host removes you from the stage.
    void room.setMicrophoneEnabled(onStage && mayAudio);
    void room.setCameraEnabled(onStage && mayVideo);
  }, [room, onStage, mayAudio, mayVideo]);
  return null;
}

it('turns the microphone and camera on when the viewer steps on stage, and off when a host removes them', async () => {
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'show');
  await host.join({ create: true });
  await host.goLive();
  await viewer.join();
  const mic: boolean[] = [];
  const camera: boolean[] = [];
  const room: YourMediaRoom = {
    setMicrophoneEnabled: async (on) => void mic.push(on),
    setCameraEnabled: async (on) => void camera.push(on),
  };
  render(
    <StageKitProvider>
      <StageCall call={viewer} load="none">
        <PublishWhileOnStage room={room} />
      </StageCall>
    </StageKitProvider>,
  );
  expect(mic.at(-1)).toBe(false);
  await act(() => host.stage.grantAccess(['viewer']));
  expect(mic.at(-1)).toBe(false);
  await act(() => viewer.stage.join());
  expect([mic.at(-1), camera.at(-1)]).toEqual([true, true]);
  await act(() => host.stage.kick(['viewer']));
  expect([mic.at(-1), camera.at(-1)]).toEqual([false, false]);
});
