import type { Capability } from './capabilities.js';

/** Every error code of the kit, the one list the `StageKitErrorCode` union and wire checks derive from. */
export const STAGEKIT_ERROR_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'NOT_YET_OPEN',
  'CALL_ENDED',
  'INVALID_INPUT',
  'INVALID_STATE',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'NETWORK',
] as const;

export type StageKitErrorCode = (typeof STAGEKIT_ERROR_CODES)[number];

/** One bad field of an input: a dotted path (`data.starts_at`) and what is wrong with it. */
export interface InvalidField {
  path: string;
  message: string;
}

/**
 * Why a user is kept out of a call whatever their capabilities: `blocked` from it, or not in the
 * `team` it is for.
 */
export type AccessRefusalReason = 'blocked' | 'team';

export interface StageKitErrorDetails {
  /** FORBIDDEN: the capability the user lacks. */
  capability?: Capability;
  /** FORBIDDEN: kept out of the call for who they are, not for a capability. */
  refusal?: AccessRefusalReason;
  /** NOT_YET_OPEN: when the doors open (ISO time), if known. */
  opensAt?: string | null;
  /** INVALID_INPUT: each bad field. */
  fields?: InvalidField[];
}

/** The wire form of an error, as the server sends it and the remote client re-creates it. */
export interface StageKitErrorJSON extends StageKitErrorDetails {
  code: StageKitErrorCode;
  message: string;
}

/** The details an error may carry. */
const DETAIL_KEYS = ['capability', 'refusal', 'opensAt', 'fields'] as const;

/** The details given, in the order an error's JSON lists them: one left undefined is no key at all. */
function definedDetails(source: StageKitErrorDetails): StageKitErrorDetails {
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) if (source[key] !== undefined) details[key] = source[key];
  return details;
}

/** The one error class of the kit. Check with `instanceof` and switch on `code`. */
export class StageKitError extends Error {
  override readonly name = 'StageKitError';
  // Declared, not initialised as class fields: the constructor sets each one the error has, and a
  // detail it lacks is no key at all, as in its JSON.
  declare readonly code: StageKitErrorCode;
  declare readonly capability?: Capability;
  declare readonly refusal?: AccessRefusalReason;
  declare readonly opensAt?: string | null;
  declare readonly fields?: InvalidField[];

  constructor(code: StageKitErrorCode, message: string, details: StageKitErrorDetails = {}) {
    super(message);
    this.code = code;
    Object.assign(this, definedDetails(details));
  }

  toJSON(): StageKitErrorJSON {
    return { code: this.code, message: this.message, ...definedDetails(this) };
  }

  static fromJSON(json: StageKitErrorJSON): StageKitError {
    return new StageKitError(json.code, json.message, json);
  }
}

export function forbidden(capability: Capability, action: string): StageKitError {
  return new StageKitError('FORBIDDEN', `${action} needs the '${capability}' capability`, { capability });
}

export function invalidState(message: string): StageKitError {
  return new StageKitError('INVALID_STATE', message);
}

export function notFound(cid: string): StageKitError {
  return new StageKitError('NOT_FOUND', `call ${cid} does not exist`);
}
