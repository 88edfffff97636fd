/** The server's limits. Each has a default suited to a small deployment. */
export interface ServerLimits {
  /** Largest accepted request body in bytes (413 above it). Default 1 MiB. */
  maxBodyBytes: number;
  /** Stage requests and cancellations a user may make at once (429 beyond). Default 10. */
  stageRequestBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  stageRequestWindowMs: number;
  /** Calls a user may create at once (`POST` of a call, or a join with `create`; 429 beyond). Default 10. */
  callCreateBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  callCreateWindowMs: number;
  /** Call updates (`PATCH`) a user may make at once (429 beyond). Default 30. */
  callUpdateBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  callUpdateWindowMs: number;
  /** Member updates (`POST …/members`) a user may make at once (429 beyond). Default 30. */
  memberUpdateBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  memberUpdateWindowMs: number;
  /** Joins and leaves of calls, together, a user may make at once (429 beyond). Default 20. */
  joinLeaveBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  joinLeaveWindowMs: number;
  /** Open WebSocket connections per user; one more is closed with code 4029. Default 5. */
  connectionsPerUser: number;
  /** Calls one connection may watch at once; one more is refused with `RATE_LIMITED`. Default 100. */
  subscriptionsPerConnection: number;
  /** Largest accepted WebSocket message in bytes. Default 64 KiB. */
  maxMessageBytes: number;
  /** Stage joins and leaves (`stage/join`, `stage/leave`) a user may make at once (429 beyond). Default 20. */
  stageMoveBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  stageMoveWindowMs: number;
  /** Go-lives, stop-lives and call ends a user may make at once (429 beyond). Default 10. */
  liveToggleBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  liveToggleWindowMs: number;
  /** Starts and stops of HLS, recording, transcription and captions a user may make at once (429 beyond). Default 20. */
  featureToggleBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  featureToggleWindowMs: number;
  /** Removals, blocks and unblocks a moderator may make at once (429 beyond). Default 30. */
  moderationBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  moderationWindowMs: number;
  /** Grants, denials and kicks a manager may make at once (429 beyond). Default 60. */
  stageDecisionBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  stageDecisionWindowMs: number;
  /**
   * Actions one call takes from everyone together, whatever each user's own allowance: every
   * action that changes a call reaches all its watchers. Default 2,000 at once.
   */
  callActionBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 2 s. */
  callActionWindowMs: number;
  /** How long an ended call, its event log and its subscriptions are kept, in ms. Default 10 minutes. */
  endedCallRetentionMs: number;
  /** Calls the server holds at once, ended ones until they are forgotten. Default 100,000. */
  maxCalls: number;
  /** Calls one user may have created that the server still holds. Default 100. */
  callsPerUser: number;
  /** Members one call may have. Default 10,000. */
  membersPerCall: number;
  /** Requests waiting their turn at once, past which more are answered busy (429). Default 10,000. */
  maxQueued: number;
  /** Open WebSocket connections in all. Default 50,000. */
  maxConnections: number;
  /**
   * Messages one WebSocket connection, and one user across their connections, may send at once;
   * past it the connection is closed (4030). Default 60.
   */
  socketMessageBurst: number;
  /** The time in which that allowance refills, in ms of real time. Default 10 s. */
  socketMessageWindowMs: number;
  /** WebSocket sign-ins one user may make at once (4029 beyond). Default 20. */
  connectBurst: number;
  /** The time in which that allowance refills, in ms of real time. Default 60 s. */
  connectWindowMs: number;
  /** Calls one user may subscribe to at once, across connections (each may cost a whole view; `RATE_LIMITED` beyond). Default 100. */
  subscribeBurst: number;
  /** The time in which that allowance refills, in ms of real time. Default 60 s. */
  subscribeWindowMs: number;
  /** WebSockets open but not yet signed in; past it an upgrade is answered 503. Default 1,000. */
  maxUnauthenticated: number;
  /** Requests one user may make to the REST API at once, whatever they are (429 beyond). Default 300. */
  requestBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  requestWindowMs: number;
  /** Reads of a whole call (`GET`, and `POST` of one that exists) one user may make at once. Default 60. */
  callReadBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  callReadWindowMs: number;
  /**
   * Bytes waiting to be sent to one connection; a client reading slower than its events arrive
   * past this is disconnected and resumes from its last sequence number. Default 4 MiB.
   */
  maxBufferedBytes: number;
  /**
   * How long a participant who joined over HTTP may go without a connection watching the call
   * before they leave it (reason `dropped`). Default 30 s.
   */
  unwatchedJoinGraceMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 1024 * 1024,
  stageRequestBurst: 10,
  stageRequestWindowMs: 60_000,
  callCreateBurst: 10,
  callCreateWindowMs: 60_000,
  callUpdateBurst: 30,
  callUpdateWindowMs: 60_000,
  memberUpdateBurst: 30,
  memberUpdateWindowMs: 60_000,
  joinLeaveBurst: 20,
  joinLeaveWindowMs: 60_000,
  connectionsPerUser: 5,
  subscriptionsPerConnection: 100,
  maxMessageBytes: 64 * 1024,
  stageMoveBurst: 20,
  stageMoveWindowMs: 60_000,
  liveToggleBurst: 10,
  liveToggleWindowMs: 60_000,
  featureToggleBurst: 20,
  featureToggleWindowMs: 60_000,
  moderationBurst: 30,
  moderationWindowMs: 60_000,
  stageDecisionBurst: 60,
  stageDecisionWindowMs: 60_000,
  callActionBurst: 2_000,
  callActionWindowMs: 2_000,
  endedCallRetentionMs: 10 * 60_000,
  maxCalls: 100_000,
  callsPerUser: 100,
  membersPerCall: 10_000,
  maxQueued: 10_000,
  maxConnections: 50_000,
  socketMessageBurst: 60,
  socketMessageWindowMs: 10_000,
  connectBurst: 20,
  connectWindowMs: 60_000,
  subscribeBurst: 100,
  subscribeWindowMs: 60_000,
  maxUnauthenticated: 1_000,
  requestBurst: 300,
  requestWindowMs: 60_000,
  callReadBurst: 60,
  callReadWindowMs: 60_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  unwatchedJoinGraceMs: 30_000,
};
