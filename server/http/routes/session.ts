// Staff sign-in: a server-side session in an HttpOnly, SameSite=Lax cookie, plus a CSRF token
// that cookie-authenticated writes must echo in X-CSRF-Token.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { signInInputSchema, sessionSchema } from '../../../contract/auth.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { KeptError } from '../../domain/core/errors.ts';
import { sessionOwner, signIn, signOut } from '../../domain/core/staff.ts';
import type { Services } from '../services.ts';
import { presentUser } from '../presenters.ts';
import { createRateLimiter } from '../rate-limit.ts';
import { clientAddress } from '../client-address.ts';
import { defineRoute, sessionCookie } from '../route.ts';

async function describeSession(s: Services, workspaceId: string, userId: string, csrfToken: string, expiresAt: Date) {
  const owner = await sessionOwner(s.db, workspaceId, userId);
  if (!owner) throw new KeptError('unauthenticated', 'Sign in to continue');
  const { user, workspace: ws } = owner;
  return { user: presentUser(user), workspace: { id: ws.id, slug: ws.slug, name: ws.name }, csrfToken, expiresAt: expiresAt.toISOString() };
}

export function sessionRoutes() {
  // Per address and per e-mail, so one attacker cannot lock out everyone and a botnet cannot guess one account.
  const byAddress = createRateLimiter({ limit: 20, windowMs: 60_000 });
  const byEmail = createRateLimiter({ limit: 10, windowMs: 60_000 });
  return [
    defineRoute<undefined, undefined, z.infer<typeof signInInputSchema>>({
      method: 'post',
      path: '/api/v1/session',
      tag: 'Session',
      summary: 'Sign in with e-mail and password',
      access: 'public',
      body: signInInputSchema,
      responses: {
        201: { description: 'Signed in; the session cookie is set', schema: sessionSchema },
        401: { description: 'Wrong e-mail or password', schema: errorBodySchema },
        429: { description: 'Too many attempts', schema: errorBodySchema },
      },
      async handle({ body, services, c }) {
        const now = services.clock.now().getTime();
        const address = clientAddress(c, services.config.trustProxy);
        byAddress.hit(address, now);
        byEmail.hit(body.email.toLowerCase(), now);
        const s = await signIn(services.db, services.clock, services.config.sessionHours, body);
        setCookie(c, sessionCookie, s.cookieValue, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: services.config.secureCookies,
          path: '/',
          expires: new Date(services.clock.now().getTime() + 90 * 86400_000), // the server decides expiry
        });
        const session = await describeSession(services, s.workspaceId, s.userId, s.csrfToken, s.expiresAt);
        // Signing in is a write by the person who just signed in: the route layer's audit record names them.
        c.set('principal', { workspaceId: s.workspaceId, kind: 'user', userId: s.userId, role: session.user.role });
        return { status: 201, body: session };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/session',
      tag: 'Session',
      summary: 'The signed-in person, their workspace and CSRF token',
      access: 'session',
      responses: {
        200: { description: 'The session', schema: sessionSchema },
        401: { description: 'Not signed in, or the session expired', schema: errorBodySchema },
      },
      async handle({ services, principal: p }) {
        return { status: 200, body: await describeSession(services, p.workspaceId, p.userId!, p.csrfToken!, p.expiresAt!) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/session',
      tag: 'Session',
      summary: 'Sign out',
      access: 'session',
      responses: { 204: { description: 'Signed out' } },
      async handle({ services, c }) {
        await signOut(services.db, getCookie(c, sessionCookie)!);
        deleteCookie(c, sessionCookie, { path: '/' });
        return c.body(null, 204);
      },
    }),
  ];
}
