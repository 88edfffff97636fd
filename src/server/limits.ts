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
  /** How long an ended call's event log and subscriptions are kept, in ms. Default 10 minutes. */
  endedCallRetentionMs: number;
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
  endedCallRetentionMs: 10 * 60_000,
};
