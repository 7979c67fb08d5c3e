// Complaints: from other systems (JSON), from mail servers (a raw e-mail), and reading them.
// Each stored complaint opens a recovery case or joins the customer's open one.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  complaintInputSchema,
  complaintListQuerySchema,
  complaintPageSchema,
  complaintResultSchema,
  complaintSchema,
  type ComplaintInput,
  type ComplaintListQuery,
} from '../../../contract/complaints.ts';
import { maxMailBytes, readComplaintMail } from '../../domain/recovery/complaint-mail.ts';
import { getComplaint, listComplaints, receiveComplaint } from '../../domain/recovery/complaints.ts';
import { receiveCaseReply } from '../../domain/recovery/case-replies.ts';
import { sendComplaintReceipt } from '../../domain/recovery/complaint-receipt.ts';
import { caseMessageSchema } from '../../../contract/playbook.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

/** An e-mail that answers a mail about a case: the customer's reply, on that case. */
const caseReplyResultSchema = z
  .object({
    reply: z.object({ caseId: z.string(), caseNumber: z.number().int(), message: caseMessageSchema }),
    duplicate: z.boolean(),
  })
  .meta({ id: 'CaseReplyReceived' });

const error = (description: string) => ({ description, schema: errorBodySchema });
const received = {
  201: { description: 'Stored: the complaint opened a case or joined the customer’s open one', schema: complaintResultSchema },
  200: {
    description: 'A repeat of a stored complaint (same source and key): the original, `duplicate: true`',
    schema: complaintResultSchema,
  },
};

export const complaintRoutes = [
  defineRoute<undefined, undefined, ComplaintInput>({
    method: 'post',
    path: '/api/v1/complaints',
    tag: 'Complaints',
    summary: 'Record a complaint: it opens a case, or joins the customer’s open one',
    description:
      'For other systems (a shop, a call-centre tool, a helpdesk). The customer is matched like events’ customers. ' +
      'The case’s clock starts at `occurredAt`, when it went wrong, not at receipt. One transaction stores the complaint, ' +
      'its `complaint.received` timeline event and the oops; a bad field stores nothing.',
    access: 'agent',
    body: complaintInputSchema,
    responses: { ...received, 400: error('Invalid complaint; details.problems name the fields. Nothing was stored') },
    handle: async ({ body, principal, services }) => {
      const r = await receiveComplaint(
        { db: services.db, clock: services.clock, publicUrl: services.config.publicUrl },
        principal.workspaceId,
        {
          ...body,
          channel: 'api',
          occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
        },
      );
      return { status: r.duplicate ? 200 : 201, body: r };
    },
  }),
  defineRoute<undefined, undefined, Uint8Array>({
    method: 'post',
    path: '/api/v1/complaints/email',
    tag: 'Complaints',
    summary: 'Record a complaint from a raw e-mail, as a mail server forwards it',
    description:
      'Send the whole message (headers first) as `Content-Type: message/rfc822`, e.g. from a mail server’s pipe or an ' +
      'inbound-mail service. The customer is the From address (named by its display name); the text is the text/plain ' +
      'part, else the text of the HTML part, without the quoted earlier message of a reply; `occurredAt` is the Date ' +
      'header, clamped to the 7 days before receipt (a future one is the receipt). The Message-ID (source `email`) makes a ' +
      'redelivery count once. Attachments are not stored; their names and sizes are on the timeline event.',
    access: 'agent',
    rawBody: { mediaType: 'message/rfc822', maxBytes: maxMailBytes, description: 'The raw message (RFC 5322 / MIME).' },
    responses: {
      ...received,
      202: {
        description:
          'A reply to a mail about a case (its In-Reply-To or References name one of our mails, or its subject names the ' +
          'case number of the sender’s case): stored as the customer’s reply on that case, not as a new complaint',
        schema: caseReplyResultSchema,
      },
      400: error('No From, no text, or not an e-mail; details.problems name what is missing (`from`, `body`, `message`)'),
      413: error('The message is over 25 MiB'),
      415: error('The body was not sent as message/rfc822'),
    },
    handle: async ({ body, principal, services }) => {
      const mail = await readComplaintMail(body, services.clock.now());
      const reply = await receiveCaseReply(
        { db: services.db, clock: services.clock, publicUrl: services.config.publicUrl },
        principal.workspaceId,
        mail,
      );
      if (reply) {
        const { duplicate, ...rest } = reply;
        return { status: 202, body: { reply: rest, duplicate } };
      }
      const r = await receiveComplaint(
        { db: services.db, clock: services.clock, publicUrl: services.config.publicUrl },
        principal.workspaceId,
        {
          channel: 'email',
          source: 'email',
          customer: mail.from,
          subject: mail.subject,
          body: mail.body,
          occurredAt: mail.occurredAt,
          idempotencyKey: mail.idempotencyKey,
          details: mail.details,
        },
      );
      await sendComplaintReceipt(signalDeps(services), principal.workspaceId, r);
      return { status: r.duplicate ? 200 : 201, body: r };
    },
  }),
  defineRoute<undefined, ComplaintListQuery>({
    method: 'get',
    path: '/api/v1/complaints',
    tag: 'Complaints',
    summary: 'Complaints, newest first',
    access: 'agent',
    query: complaintListQuerySchema,
    responses: { 200: { description: 'A page of complaints', schema: complaintPageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listComplaints(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/complaints/{id}',
    tag: 'Complaints',
    summary: 'One complaint, with its case',
    access: 'agent',
    params: z.object({ id: z.string() }),
    responses: { 200: { description: 'The complaint', schema: complaintSchema }, 404: error('No such complaint in this workspace') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getComplaint(services.db, principal.workspaceId, params.id),
    }),
  }),
];
