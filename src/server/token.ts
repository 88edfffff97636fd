import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { StageKitError, type User } from '../core/index.js';
import { parseInput, userSchema } from '../core/schemas.js';

export interface TokenClaims {
  user_id: string;
  /** Global role; `user` unless said otherwise. `admin` may change call types. */
  role?: string;
  name?: string;
  /** Teams the user belongs to: calls restricted to a `team` admit only its users. */
  teams?: string[];
}

export interface CreateTokenOptions {
  /** Lifetime: seconds, or a jose time span such as `'2h'`. None by default. */
  expiresIn?: number | string;
}

const MIN_SECRET_LENGTH = 16;

/** The key for a secret; short secrets are refused, since HS256 is only as strong as its key. */
export function secretKey(secret: string): Uint8Array {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`the token secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new TextEncoder().encode(secret);
}

/** Mints an HS256 token for a user, signed with the server's secret. */
export async function createToken(secret: string, claims: TokenClaims, options: CreateTokenOptions = {}): Promise<string> {
  const user = parseInput(userSchema, { id: claims.user_id, role: claims.role, name: claims.name, teams: claims.teams }, 'claims');
  const jwt = new SignJWT({
    user_id: user.id,
    ...(user.role !== undefined && { role: user.role }),
    ...(user.name !== undefined && { name: user.name }),
    ...(user.teams !== undefined && { teams: user.teams }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuedAt();
  if (options.expiresIn !== undefined) {
    jwt.setExpirationTime(typeof options.expiresIn === 'number' ? `${options.expiresIn}s` : options.expiresIn);
  }
  return jwt.sign(secretKey(secret));
}

/**
 * The user a token speaks for. Throws UNAUTHENTICATED for a missing, malformed, expired or
 * wrongly signed token, or one whose claims do not name a valid user.
 */
export async function verifyToken(key: Uint8Array, token: string | undefined | null, now: () => number = Date.now): Promise<User> {
  if (!token) throw new StageKitError('UNAUTHENTICATED', 'a token is required: send it as "Authorization: Bearer <token>"');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()) }));
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWTExpired
        ? 'the token has expired'
        : error instanceof joseErrors.JWSSignatureVerificationFailed
          ? 'the token signature does not match'
          : 'the token is not a valid HS256 JWT';
    throw new StageKitError('UNAUTHENTICATED', reason);
  }
  const id = payload.user_id ?? payload.sub;
  try {
    return parseInput(
      userSchema,
      {
        id,
        ...(payload.role !== undefined && { role: payload.role }),
        ...(payload.name !== undefined && { name: payload.name }),
        ...(payload.teams !== undefined && { teams: payload.teams }),
      },
      'token',
    );
  } catch (error) {
    const detail = error instanceof StageKitError ? `: ${error.message}` : '';
    throw new StageKitError('UNAUTHENTICATED', `the token does not name a valid user${detail}`);
  }
}
