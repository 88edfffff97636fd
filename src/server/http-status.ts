import type { StageKitErrorCode } from '../core/index.js';

/**
 * The HTTP status of each error code. The three refusals that depend on the call's state, not on
 * the request or the user (INVALID_STATE, NOT_YET_OPEN, CALL_ENDED), share 409 Conflict; the body's
 * `code` tells them apart.
 */
export const HTTP_STATUS: Record<StageKitErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 502> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  NOT_YET_OPEN: 409,
  CALL_ENDED: 409,
  RATE_LIMITED: 429,
  NETWORK: 502,
};
