import { createToken, secretKey } from '../../src/server/index.js';
import { createTokenVerifier } from '../../src/server/token-verifier.js';

// A token checked once is remembered, but never past its own expiry, and a refused one never is.

const SECRET = 'test-secret-of-at-least-16-chars';

it('answers a token it accepted from memory, and refuses it once it has expired', async () => {
  let now = Date.now();
  const verify = createTokenVerifier(secretKey(SECRET), () => now);
  const token = await createToken(SECRET, { user_id: 'bob', name: 'Bob' }, { expiresIn: 60 });
  expect(await verify(token)).toEqual({ id: 'bob', name: 'Bob' });
  expect(await verify(token)).toEqual({ id: 'bob', name: 'Bob' });
  now += 61_000;
  await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'the token has expired' });
});

it('remembers nothing of a token it refused', async () => {
  const verify = createTokenVerifier(secretKey(SECRET));
  const forged = `${(await createToken(SECRET, { user_id: 'bob' })).slice(0, -2)}xx`;
  await expect(verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(verify(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});
