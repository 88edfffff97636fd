export { createStageKitServer, type ListeningServer, type StageKitServer, type StageKitServerOptions } from './stagekit-server.js';
export { createToken, verifyToken, secretKey, type CreateTokenOptions, type TokenClaims } from './token.js';
export { createHub, type DispatchOptions, type DispatchResult, type Hub, type HubOptions, type Subscriber } from './hub.js';
export { createMemoryStorage, type MemoryStorage, type MemoryStorageOptions } from './memory-storage.js';
export type { CallAccess, EventBatch, ServerStorage, StoredChanges, StoredWorld } from './storage.js';
export { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
export { HTTP_STATUS } from './http-status.js';
export { CLOSE_CODES, type ClientMessage, type ServerMessage } from './protocol.js';
export type { Connection } from './socket-server.js';
