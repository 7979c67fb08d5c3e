// The outbox: every e-mail Kept sent, is sending or failed to send, and, with no SMTP server
// configured, the mail preview (status `preview`) that lets a local trial see every mail.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { mailListQuerySchema, mailPageSchema, mailSchema } from '../../../contract/surveys.ts';
import { getMail, listMails } from '../../domain/mails.ts';
import { defineRoute } from '../route.ts';

const idParams = z.object({ id: z.uuid() });

export const mailRoutes = [
  defineRoute<undefined, z.infer<typeof mailListQuerySchema>>({
    method: 'get',
    path: '/api/v1/mails',
    tag: 'Mail',
    summary: 'Mail sent and to be sent, newest first (the mail preview when no SMTP server is set)',
    description:
      '`status`: queued (waiting or between retries), sending (being handed to the mail server), sent (the SMTP server ' +
      'took it), preview (no SMTP server is configured, so it was kept here instead), failed (gave up after 5 attempts, ' +
      'or the customer unsubscribed before it went out; `lastError` says why), unknown (Kept stopped, or heard nothing ' +
      'back, while handing it to the mail server: it may or may not have been delivered, and it is not sent again ' +
      'unless a person chooses to). Keyset-paginated: pass `nextCursor` as `cursor`.',
    access: 'manager',
    query: mailListQuerySchema,
    responses: {
      200: { description: 'A page of mail', schema: mailPageSchema },
      400: { description: 'Bad cursor or limit', schema: errorBodySchema },
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listMails(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/mails/{id}',
    tag: 'Mail',
    summary: 'One mail, with its HTML and plain-text parts and headers',
    access: 'manager',
    params: idParams,
    responses: {
      200: { description: 'The mail', schema: mailSchema },
      404: { description: 'No such mail in this workspace', schema: errorBodySchema },
    },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getMail(services.db, principal.workspaceId, params.id),
    }),
  }),
];
