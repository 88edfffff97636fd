/** The server's limits. Each has a default suited to a small deployment. */
export interface ServerLimits {
  /** Largest accepted request body in bytes (413 above it). Default 1 MiB. */
  maxBodyBytes: number;
  /** Stage requests and cancellations a user may make at once (429 beyond). Default 10. */
  stageRequestBurst: number;
  /** The time in which that allowance refills, in ms of the server's clock. Default 60 s. */
  stageRequestWindowMs: number;
  /** Open WebSocket connections per user; one more is closed with code 4029. Default 5. */
  connectionsPerUser: number;
  /** Largest accepted WebSocket message in bytes. Default 64 KiB. */
  maxMessageBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 1024 * 1024,
  stageRequestBurst: 10,
  stageRequestWindowMs: 60_000,
  connectionsPerUser: 5,
  maxMessageBytes: 64 * 1024,
};
