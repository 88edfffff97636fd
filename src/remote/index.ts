export { createRemoteClient, type RemoteClient, type RemoteClientOptions } from './remote-client.js';
export type { ServerClock } from './server-clock.js';
export type { ReconnectOptions } from './socket-session.js';
export type { ClientMessage, ServerMessage, WebSocketConstructor, WebSocketLike } from './protocol.js';
