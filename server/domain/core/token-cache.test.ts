import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { buildToken, buildWorkspace } from '../../../test/factories.ts';
import { manualClock } from './clock.ts';
import { revokeToken } from './staff.ts';
import { createTokenCache } from './token-cache.ts';

let t: TestDatabase;
let ws: string;
beforeAll(async () => {
  t = await createTestDatabase();
  ws = (await buildWorkspace(t.db)).id;
});
afterAll(() => t.drop());

describe('token cache', () => {
  it('remembers a valid token for its lifetime, then asks the database again', async () => {
    const clock = manualClock('2026-05-01T00:00:00Z');
    const cache = createTokenCache(t.db, clock, { ttlMs: 5000 });
    const token = await buildToken(t.db, ws);
    const p = await cache.authenticate(token);
    // Revoked behind the cache's back (as on another instance): still accepted within 5 s, refused after.
    await revokeToken(t.db, clock, ws, p.tokenId!);
    await expect(cache.authenticate(token)).resolves.toEqual(p);
    clock.advance(5001);
    await expect(cache.authenticate(token)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('forgets a token at once when told, and never remembers a failure', async () => {
    const clock = manualClock('2026-05-01T00:00:00Z');
    const cache = createTokenCache(t.db, clock);
    const token = await buildToken(t.db, ws);
    const p = await cache.authenticate(token);
    await revokeToken(t.db, clock, ws, p.tokenId!);
    cache.forget(p.tokenId!);
    await expect(cache.authenticate(token)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(cache.authenticate('kept_bogus')).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
