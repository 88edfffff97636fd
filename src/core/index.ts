export { CAPABILITIES, isCapability, type Capability } from './capabilities.js';
export { builtInCallTypes, type CallType, type CallTypePatch } from './call-types.js';
export { createCall, type Call, type CallHandle, type CallStage, type CallStoreState, type ConnectionState, type SendCommand } from './call.js';
export { reduceCallView } from './call-view-reducer.js';
export { CALL_FEATURES, FEATURE_CAPABILITIES, FEATURE_PATHS } from './call-features.js';
export type { StageKitClient } from './client.js';
export { createManualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export { capabilitiesOf, DEFAULT_ROLE } from './access.js';
export {
  callId,
  createWorld,
  execute,
  executeCall,
  updateCallType,
  type AudiencePage,
  type CallOutcome,
  type CallTypeChange,
  type BulkStageResult,
  type Command,
  type CommandResults,
  type CommandType,
  type StageOutcome,
  type StageSkipReason,
  type World,
} from './engine.js';
export { STAGEKIT_ERROR_CODES, StageKitError, type AccessRefusalReason, type InvalidField, type StageKitErrorCode, type StageKitErrorJSON } from './errors.js';
export type { CallEvent, CallEventBody, CallEventOf, CallEventType, ParticipantLeftReason } from './events.js';
export { joinVerdict, joinWindow, type CallPhase, type JoinVerdict, type JoinWindow, type JoinWindowFields } from './join-window.js';
export { createMemoryBackend, type MemoryBackend, type MemoryBackendOptions } from './memory-backend.js';
export {
  STAGE_STATUSES,
  type CallFields,
  type CallRecord,
  type CallSideEffect,
  type AudienceListing,
  type CallView,
  type Member,
  type Participant,
  type ParticipantCounts,
  type StageRequest,
  type StageStatus,
  type User,
} from './model.js';
export { firstView, projectEvents, projectEventsWithoutView, viewOf, type AccessProjectionInput, type ProjectionInput } from './projection.js';
export { PersistentMap } from './persistent-map.js';
export type {
  AudienceQueryInput,
  CallCreateData,
  CallTypePatchInput,
  GetOrCreateInput,
  GoLiveInput,
  JoinInput,
  ModerationInput,
  StopLiveInput,
  UpdateCallInput,
  UpdateCallMembersInput,
} from './schemas.js';
export { CLOSE_CODES, type ClientMessage, type ServerMessage } from './socket-protocol.js';
export { DEFAULT_SETTINGS, type CallSettings, type CallSettingsOverride, type RecordingMode, type RecordingQuality } from './settings.js';
