// The outbox: every e-mail Kept sent, is sending or failed to send, and, with no SMTP server
// configured, the mail preview (status `preview`) that lets a local trial see every mail. A mail
// that failed, or whose delivery is unknown, is sent again only when a person chooses to.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { mailListQuerySchema, mailPageSchema, mailSchema } from '../../../contract/mails.ts';
import { getMail, listMails, resendMail } from '../../domain/one-voice/mails.ts';
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
  defineRoute<{ id: string }>({
    method: 'post',
    path: '/api/v1/mails/{id}/resend',
    tag: 'Mail',
    summary: 'Send again a mail that failed or whose delivery is unknown',
    description:
      'Kept never sends an `unknown` mail again by itself: it may already be in the inbox. This is a person choosing ' +
      'to: the mail is queued at once with a fresh count of attempts and the same Message-ID, and `resends` records ' +
      'who and when. Any other status is a conflict (409).',
    access: 'manager',
    params: idParams,
    responses: {
      200: { description: 'The mail, queued again', schema: mailSchema },
      404: { description: 'No such mail in this workspace', schema: errorBodySchema },
      409: { description: 'The mail is not failed or unknown; details.status says what it is', schema: errorBodySchema },
    },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await resendMail(services.db, services.clock, principal, params.id),
    }),
  }),
];
