// The weekly digest: a manager's subscription, and a preview of any week's digest.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { KeptError } from '../../domain/core/errors.ts';
import { composeDigest, digestSubscription, digestWeek, setDigestSubscription, workspaceNameOf } from '../../domain/measurement/digest.ts';
import { defineRoute } from '../route.ts';

const subscriptionSchema = z.object({ subscribed: z.boolean() }).meta({ id: 'DigestSubscription' });
const subscriptionInputSchema = z.strictObject({ subscribed: z.boolean() }).meta({ id: 'DigestSubscriptionInput' });
const previewQuerySchema = z.strictObject({ week: z.string().optional().describe('any day of the week (YYYY-MM-DD); default: last week') });
const digestSchema = z.object({ week: z.string(), subject: z.string(), text: z.string(), html: z.string() }).meta({ id: 'Digest' });
const err = (description: string) => ({ description, schema: errorBodySchema });

function personOf(userId: string | null | undefined): string {
  if (!userId) throw new KeptError('forbidden', 'The weekly digest goes to a person: sign in rather than use an API token');
  return userId;
}

export const digestRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/digest/subscription',
    tag: 'Digest',
    summary: 'Whether the signed-in manager receives the weekly digest',
    access: 'manager',
    responses: { 200: { description: 'The subscription', schema: subscriptionSchema }, 403: err('Not a person’s session') },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: await digestSubscription(services.db, principal.workspaceId, personOf(principal.userId)),
    }),
  }),
  defineRoute<undefined, undefined, { subscribed: boolean }>({
    method: 'put',
    path: '/api/v1/digest/subscription',
    tag: 'Digest',
    summary: 'Receive the weekly digest (Mondays from 07:00 UTC), or stop it',
    access: 'manager',
    body: subscriptionInputSchema,
    responses: {
      200: { description: 'The subscription', schema: subscriptionSchema },
      400: err('Invalid input'),
      403: err('Not a person’s session'),
    },
    handle: async ({ body, principal, services }) => ({
      status: 200,
      body: await setDigestSubscription(services.db, services.clock, principal.workspaceId, personOf(principal.userId), body.subscribed),
    }),
  }),
  defineRoute<undefined, { week?: string }>({
    method: 'get',
    path: '/api/v1/digest/preview',
    tag: 'Digest',
    summary: 'The digest of a week, as it is mailed (plain text and HTML)',
    access: 'manager',
    query: previewQuerySchema,
    responses: { 200: { description: 'The digest', schema: digestSchema }, 400: err('Not a date (details.problems)') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await composeDigest(
        services.db,
        services.clock,
        principal.workspaceId,
        await workspaceNameOf(services.db, principal.workspaceId),
        digestWeek(services.clock, query.week),
        services.config.publicUrl,
      ),
    }),
  }),
];
