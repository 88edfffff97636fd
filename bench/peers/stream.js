// What an app needs from Stream for a backstage and a stage: the client (goLive, stopLive,
// requestPermissions, grantPermissions live on its Call) and the React bindings' provider and hooks.
export { StreamVideoClient, OwnCapability } from '@stream-io/video-client';
export { StreamVideoProvider, StreamCallProvider, useCall, useCallStateHooks, Restricted } from '@stream-io/video-react-bindings';
