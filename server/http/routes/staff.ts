// Users and API tokens of a workspace (admins manage them).
import { z } from 'zod';
import { createdTokenSchema, tokenInputSchema, tokenSchema, userInputSchema, userSchema } from '../../../contract/auth.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { createToken, createUser, listTokens, listUsers, revokeToken } from '../../domain/core/staff.ts';
import { presentToken, presentUser } from '../presenters.ts';
import { defineRoute } from '../route.ts';

export const staffRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/users',
    tag: 'Staff',
    summary: 'Staff of the workspace',
    access: 'agent',
    responses: { 200: { description: 'Users', schema: z.object({ items: z.array(userSchema) }) } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { items: (await listUsers(services.db, principal.workspaceId)).map(presentUser) },
    }),
  }),
  defineRoute<undefined, undefined, z.infer<typeof userInputSchema>>({
    method: 'post',
    path: '/api/v1/users',
    tag: 'Staff',
    summary: 'Add a staff member',
    access: 'admin',
    body: userInputSchema,
    responses: {
      201: { description: 'Created', schema: userSchema },
      409: { description: 'The e-mail is taken in this workspace', schema: errorBodySchema },
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: presentUser(await createUser(services.db, services.clock, principal.workspaceId, body)),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/tokens',
    tag: 'Staff',
    summary: 'API tokens of the workspace (never their secrets)',
    access: 'admin',
    responses: { 200: { description: 'Tokens', schema: z.object({ items: z.array(tokenSchema) }) } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { items: (await listTokens(services.db, principal.workspaceId)).map(presentToken) },
    }),
  }),
  defineRoute<undefined, undefined, z.infer<typeof tokenInputSchema>>({
    method: 'post',
    path: '/api/v1/tokens',
    tag: 'Staff',
    summary: 'Create an API token; its secret is shown once',
    access: 'admin',
    body: tokenInputSchema,
    responses: { 201: { description: 'Created', schema: createdTokenSchema } },
    async handle({ body, principal, services }) {
      const t = await createToken(services.db, services.clock, principal.workspaceId, { ...body, createdBy: principal.userId ?? null });
      return { status: 201, body: { token: presentToken(t.token), secret: t.secret } };
    },
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/tokens/{id}',
    tag: 'Staff',
    summary: 'Revoke an API token',
    access: 'admin',
    params: z.object({ id: z.string() }),
    responses: { 204: { description: 'Revoked' }, 404: { description: 'No such active token', schema: errorBodySchema } },
    async handle({ params, principal, services, c }) {
      await revokeToken(services.db, services.clock, principal.workspaceId, params.id);
      services.tokens.forget(params.id);
      return c.body(null, 204);
    },
  }),
];
