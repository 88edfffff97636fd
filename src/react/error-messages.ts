import type { StageKitErrorCode, StageSkipReason } from '../core/index.js';

/** What a failed action says, per error code (override any through `messages.errors`). */
export const defaultErrorMessages: Record<StageKitErrorCode, string> = {
  NOT_FOUND: 'This call no longer exists.',
  FORBIDDEN: 'You may not do that in this call.',
  NOT_YET_OPEN: 'The call is not open yet.',
  CALL_ENDED: 'The call has ended.',
  INVALID_INPUT: 'That did not work. Please try again.',
  INVALID_STATE: 'Not possible right now. Try again in a moment.',
  UNAUTHENTICATED: 'Your session expired. Please sign in again.',
  RATE_LIMITED: 'Too many tries. Wait a moment.',
  NETWORK: 'Could not reach the call. Check your connection.',
};

/** Why a bulk decision skipped someone (override through `messages.skipReasons` and `messages.bulkSummary`). */
export const defaultSkipMessages: {
  skipReasons: Record<StageSkipReason, (name: string) => string>;
  bulkSummary: (applied: number, skipped: number) => string;
} = {
  skipReasons: {
    NOT_IN_CALL: (name) => `${name} is no longer in the call.`,
    ALREADY_ACCEPTED: (name) => `${name} was already accepted.`,
    ALREADY_ON_STAGE: (name) => `${name} is already on stage.`,
    NO_PENDING_REQUEST: (name) => `${name} no longer has a request waiting.`,
    HOLDS_JOIN_STAGE: (name) => `${name} may always join the stage.`,
    NOT_ACCEPTED: (name) => `${name} has no invitation to take back.`,
    NOT_ON_STAGE: (name) => `${name} is not on stage.`,
  },
  bulkSummary: (applied, skipped) => `Done for ${applied}, skipped ${skipped}:`,
};
