import { StageKitError } from '../core/errors.js';
import type { User } from '../core/model.js';

/**
 * The user a token names, read without checking its signature: the client only needs to know who
 * it is; the server checks the token on every request.
 */
export function userFromToken(token: string): User {
  const payload = token.split('.')[1];
  let claims: Record<string, unknown>;
  try {
    // atob takes base64 without its padding (forgiving base64), so only the alphabet changes.
    const bytes = Uint8Array.from(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new StageKitError('UNAUTHENTICATED', 'the token is not a JWT: its payload could not be read');
  }
  const id = claims.user_id ?? claims.sub;
  if (typeof id !== 'string' || id === '') throw new StageKitError('UNAUTHENTICATED', 'the token names no user (user_id or sub)');
  return {
    id,
    ...(typeof claims.role === 'string' && { role: claims.role }),
    ...(typeof claims.name === 'string' && { name: claims.name }),
  };
}
