import { StageKitError, type User } from '../core/index.js';
import { verifyToken } from './token.js';

const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Tokens remembered after a good check, by their total length in characters. */
const CACHE_CHARS = 4 * 1024 * 1024;

/**
 * `verifyToken` with a memory of tokens it accepted: a viewer signs in over the socket, then joins
 * over HTTP, with the same token, and checking an HS256 signature twice costs more than the join.
 * Bounded by the tokens' total length (oldest forgotten first); an entry lives until the token's
 * own expiry, so nothing outlives what the token allows. Refused tokens are not remembered.
 */
export function createTokenVerifier(key: Uint8Array, now: () => number = Date.now): (token: string | undefined | null) => Promise<User> {
  const accepted = new Map<string, { user: User; expiresAt: number }>();
  let chars = 0;
  const forget = (token: string) => {
    if (accepted.delete(token)) chars -= token.length;
  };
  return async (token) => {
    // One spelling per token: base64url decoders forgive spaces and padding, so variants of one
    // token would each take a place in memory, and each be checked again.
    if (token && !COMPACT_JWT.test(token)) throw new StageKitError('UNAUTHENTICATED', 'the token is not a valid HS256 JWT');
    if (token) {
      const known = accepted.get(token);
      if (known && now() < known.expiresAt) return known.user;
      if (known) forget(token);
    }
    const { user, expiresAt } = await verifyTokenWithExpiry(key, token, now);
    if (token && token.length <= CACHE_CHARS / 64 && !accepted.has(token)) {
      accepted.set(token, { user, expiresAt });
      chars += token.length;
      for (const oldest of accepted.keys()) {
        if (chars <= CACHE_CHARS) break;
        forget(oldest);
      }
    }
    return user;
  };
}

async function verifyTokenWithExpiry(key: Uint8Array, token: string | undefined | null, now: () => number): Promise<{ user: User; expiresAt: number }> {
  const user = await verifyToken(key, token, now);
  return { user, expiresAt: expiryOf(token!) };
}

/** The token's `exp` in ms, read from a token already verified; a token without one does not expire. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity;
  } catch {
    return 0;
  }
}
