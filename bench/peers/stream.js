// What an app needs from Stream for a backstage and a stage: the client (goLive, stopLive,
// requestPermissions, grantPermissions live on its Call) and the React bindings' provider and hooks,
// used as an app uses them (as the stagekit figures are measured).
import { StreamVideoClient, OwnCapability } from '@stream-io/video-client';
import { StreamVideoProvider, StreamCallProvider, useCall, useCallStateHooks, Restricted } from '@stream-io/video-react-bindings';

export default [StreamVideoClient, OwnCapability, StreamVideoProvider, StreamCallProvider, useCall, useCallStateHooks, Restricted];
