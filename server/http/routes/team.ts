// The team: admins invite staff, change their role and departments, deactivate leavers; managers
// invite agents into their own departments and deactivate them (domain/core/team-scope.ts); anyone
// changes their own password, or sets one from a mailed link.
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { errorBodySchema, isoDateTimeSchema } from '../../../contract/common.ts';
import {
  handOverSchema,
  invitationInputSchema,
  invitedSchema,
  passwordChangeInputSchema,
  passwordLinkInputSchema,
  passwordResetInputSchema,
  teamMemberPatchSchema,
  teamMemberSchema,
} from '../../../contract/team.ts';
import {
  changeOwnPassword,
  inviteStaff,
  listTeam,
  reinvite,
  requestPasswordReset,
  setPasswordWithLink,
  updateStaff,
} from '../../domain/core/team.ts';
import { checkMayInvite, checkMayLetGo } from '../../domain/core/team-scope.ts';
import { deactivateStaff } from '../../domain/recovery/hand-over.ts';
import { clientAddress } from '../client-address.ts';
import { createRateLimiter } from '../rate-limit.ts';
import type { Services } from '../services.ts';
import { defineRoute, sessionCookie } from '../route.ts';

const idParams = z.object({ id: z.string() });
const notFound = { description: 'No such person in this workspace', schema: errorBodySchema };
const forbidden = { description: 'Only admins manage the team', schema: errorBodySchema };
const managersScoped = {
  description:
    'Agents (admins_only); a manager asking for a role other than agent (agents_only) or a department they are not in (not_your_department)',
  schema: errorBodySchema,
};
const teamDeps = (s: Services) => ({ db: s.db, clock: s.clock, publicUrl: s.config.publicUrl });

export function teamRoutes() {
  // A reset mails someone: per address and per e-mail, so the form cannot be used to flood an inbox.
  const byAddress = createRateLimiter({ limit: 20, windowMs: 60_000 });
  const byEmail = createRateLimiter({ limit: 3, windowMs: 15 * 60_000 });
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/team',
      tag: 'Team',
      summary: 'Everyone in the workspace, with role, departments and state (invited, active, deactivated)',
      access: 'agent',
      responses: { 200: { description: 'The team', schema: z.object({ items: z.array(teamMemberSchema) }) } },
      handle: async ({ principal, services }) => ({ status: 200, body: { items: await listTeam(services.db, principal.workspaceId) } }),
    }),
    defineRoute<undefined, undefined, z.infer<typeof invitationInputSchema>>({
      method: 'post',
      path: '/api/v1/team/invitations',
      tag: 'Team',
      summary: 'Invite a person by e-mail: they get a one-time link to set their password',
      description: 'Admins invite anyone; managers invite agents into departments they are in.',
      access: 'manager',
      body: invitationInputSchema,
      responses: {
        201: { description: 'Invited; the mail is queued', schema: invitedSchema },
        403: managersScoped,
        409: { description: 'The e-mail is taken in this workspace', schema: errorBodySchema },
      },
      async handle({ body, principal, services }) {
        await checkMayInvite(services.db, principal, body);
        const r = await inviteStaff(teamDeps(services), principal.workspaceId, body);
        return { status: 201, body: { member: r.member, linkExpiresAt: r.linkExpiresAt.toISOString() } };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'post',
      path: '/api/v1/team/{id}/invitation',
      tag: 'Team',
      summary: 'Mail a new invitation link (the earlier ones stop working)',
      description: 'Admins for anyone; managers for agents of their departments.',
      access: 'manager',
      params: idParams,
      responses: {
        200: { description: 'Mail queued', schema: z.object({ linkExpiresAt: isoDateTimeSchema }) },
        403: managersScoped,
        404: notFound,
        409: { description: 'The person is not waiting for an invitation', schema: errorBodySchema },
      },
      async handle({ params, principal, services }) {
        await checkMayLetGo(services.db, principal, params.id);
        const at = await reinvite(teamDeps(services), principal.workspaceId, params.id);
        return { status: 200, body: { linkExpiresAt: at.toISOString() } };
      },
    }),
    defineRoute<{ id: string }, undefined, z.infer<typeof teamMemberPatchSchema>>({
      method: 'patch',
      path: '/api/v1/team/{id}',
      tag: 'Team',
      summary: 'Change a person’s role and/or the departments they are in',
      access: 'admin',
      params: idParams,
      body: teamMemberPatchSchema,
      responses: {
        200: { description: 'Changed', schema: teamMemberSchema },
        403: forbidden,
        404: notFound,
        409: { description: 'Deactivated, or the last admin', schema: errorBodySchema },
      },
      handle: async ({ params, body, principal, services }) => ({
        status: 200,
        body: await updateStaff(services, principal.workspaceId, params.id, body),
      }),
    }),
    defineRoute<{ id: string }>({
      method: 'post',
      path: '/api/v1/team/{id}/deactivation',
      tag: 'Team',
      summary: 'Deactivate a leaver: sessions end, their API tokens are revoked, open cases and promises are handed over',
      description: 'Admins deactivate anyone but themselves; managers deactivate agents of their departments.',
      access: 'manager',
      params: idParams,
      responses: {
        200: { description: 'Deactivated; what was handed to whom', schema: handOverSchema },
        403: managersScoped,
        404: notFound,
        409: { description: 'Already deactivated, yourself, or the last admin', schema: errorBodySchema },
      },
      async handle({ params, principal, services }) {
        await checkMayLetGo(services.db, principal, params.id);
        const r = await deactivateStaff(services, principal.workspaceId, params.id, principal.userId ?? null);
        for (const id of r.tokenIds) services.tokens.forget(id);
        return { status: 200, body: r.handOver };
      },
    }),
    defineRoute<undefined, undefined, z.infer<typeof passwordResetInputSchema>>({
      method: 'post',
      path: '/api/v1/password/reset',
      tag: 'Session',
      summary: 'Ask for a password reset link by mail (answers the same whether or not the e-mail has an account)',
      access: 'public',
      body: passwordResetInputSchema,
      responses: {
        202: { description: 'If the e-mail belongs to an active person, a link is on its way' },
        429: { description: 'Too many requests', schema: errorBodySchema },
      },
      async handle({ body, services, c }) {
        const now = services.clock.now().getTime();
        byAddress.hit(clientAddress(c, services.config.trustProxy), now);
        byEmail.hit(body.email.toLowerCase(), now);
        await requestPasswordReset(teamDeps(services), body);
        return c.body(null, 202);
      },
    }),
    defineRoute<undefined, undefined, z.infer<typeof passwordLinkInputSchema>>({
      method: 'post',
      path: '/api/v1/password',
      tag: 'Session',
      summary: 'Set a password from an invitation or reset link (once); the person’s sessions end',
      access: 'public',
      body: passwordLinkInputSchema,
      responses: {
        204: { description: 'Set; sign in with it' },
        410: { description: 'The link was used, replaced or expired', schema: errorBodySchema },
      },
      async handle({ body, services, c }) {
        byAddress.hit(clientAddress(c, services.config.trustProxy), services.clock.now().getTime());
        await setPasswordWithLink(services, body.token, body.password);
        return c.body(null, 204);
      },
    }),
    defineRoute<undefined, undefined, z.infer<typeof passwordChangeInputSchema>>({
      method: 'put',
      path: '/api/v1/session/password',
      tag: 'Session',
      summary: 'Change your own password with your current one; your other sessions end',
      access: 'session',
      body: passwordChangeInputSchema,
      responses: {
        204: { description: 'Changed' },
        400: { description: 'The current password is not right, or the new one is too short', schema: errorBodySchema },
      },
      async handle({ body, principal, services, c }) {
        await changeOwnPassword(
          services,
          { workspaceId: principal.workspaceId, userId: principal.userId!, cookieValue: getCookie(c, sessionCookie)! },
          body,
        );
        return c.body(null, 204);
      },
    }),
  ];
}
