// Messages about a case between the company and its customer. Staff write to the customer (an
// e-mail with a link to the customer's own page for the case); the customer replies on that
// page. Both land on the case and on the customer's timeline.
import type { CaseMessage } from '../../../contract/playbook.ts';
import { staffEmails } from '../../storage/case-assignments.ts';
import * as store from '../../storage/case-messages.ts';
import { findCase, type CaseRecord } from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { enqueueMail } from '../../storage/mails.ts';
import { composeCaseMail } from './case-mail.ts';
import { caseEvent } from './case-events.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { companyVoice } from '../core/company-profile.ts';
import { customerWhere, trimAtWord } from '../core/customer-text.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { SignalDeps } from '../signals/signal-settings.ts';
import { parseLink, signLink, verifyLink } from '../signals/links.ts';
import { escapeHtml } from '../one-voice/mails.ts';
import { queueMessageIn } from '../one-voice/outbox.ts';
import { recognizeIn } from '../learning/recognition.ts';

/** What the playbook needs: the database, the clock, the link secrets and the public address. */
export type PlaybookDeps = SignalDeps;

/** The customer's own page for a case: `${publicUrl}/c/${token}`, signed with the workspace's link secret. */
export async function caseUrl(d: PlaybookDeps, workspaceId: string, caseId: string): Promise<string> {
  const s = await d.settings.get(workspaceId);
  return `${d.publicUrl}/c/${signLink(s.linkSecret, 'case', workspaceId, caseId)}`;
}

/** The name customers know the company by (its profile's), for templates and pages. */
export async function companyName(db: Db, workspaceId: string): Promise<string> {
  return (await companyVoice(db, workspaceId)).companyName;
}

const excerpt = (s: string) => trimAtWord(s, 280);

/**
 * Writes to the customer inside the caller's transaction: the message on the case, an e-mail when
 * the customer has an address, and a timeline event. Answers the message and mail ids.
 */
export async function sendToCustomerIn(
  tx: Db,
  d: PlaybookDeps,
  c: CaseRecord,
  body: string,
  byUser: string | null,
  now: Date,
): Promise<{ messageId: string; mailId: string | null }> {
  const customer = (await customerProfiles(tx, c.workspaceId, [c.customerId])).get(c.customerId);
  let mailId: string | null = null;
  if (customer?.email) {
    const company = await companyVoice(tx, c.workspaceId);
    const mail = composeCaseMail({
      brand: company,
      locale: customerWhere(customer, company).locale,
      caseNumber: c.number,
      body,
      caseUrl: await caseUrl(d, c.workspaceId, c.id),
    });
    // Through the outbox like every message to a customer: a rule may hold even a case's message.
    mailId = (
      await queueMessageIn(tx, d.clock, c.workspaceId, {
        customerId: c.customerId,
        kind: 'case_message',
        source: 'kept',
        to: customer.email,
        ...mail,
      })
    ).mailId;
  }
  const messageId = uuidv7(now.getTime());
  await store.insertMessage(tx, {
    workspaceId: c.workspaceId,
    id: messageId,
    caseId: c.id,
    direction: 'to_customer',
    body,
    byUser,
    mailId,
    at: now,
  });
  await insertEvents(
    tx,
    c.workspaceId,
    [caseEvent(c, 'case.message_sent', now, { messageId, byUserId: byUser, excerpt: excerpt(body), emailed: !!mailId })],
    now,
  );
  return { messageId, mailId };
}

export async function listMessages(db: Db, workspaceId: string, caseId: string): Promise<CaseMessage[]> {
  const rows = await store.messagesOf(db, workspaceId, caseId);
  const names = await store.staffNames(
    db,
    workspaceId,
    rows.map((r) => r.byUser),
  );
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    body: r.body,
    at: r.at.toISOString(),
    by: r.byUser ? { id: r.byUser, name: names.get(r.byUser) ?? 'Former staff' } : null,
    mailId: r.mailId,
  }));
}

const invalidLink = () => new KeptError('not_found', 'This case link is not valid', { reason: 'invalid_link' });

/** The case a customer's link names; throws not_found for a tampered, truncated or foreign link. */
export async function caseFromLink(d: PlaybookDeps, token: string): Promise<CaseRecord> {
  const link = parseLink(token);
  if (!link || !isUuid(link.workspaceId)) throw invalidLink();
  let secret: Buffer;
  try {
    secret = (await d.settings.get(link.workspaceId)).linkSecret;
  } catch {
    throw invalidLink();
  }
  if (!verifyLink(secret, 'case', link)) throw invalidLink();
  const c = await findCase(d.db, link.workspaceId, link.id);
  if (!c) throw invalidLink();
  return c;
}

/** Checks a customer's reply: not empty, not over 5,000 characters. Answers it trimmed. */
export function checkReply(body: string): string {
  const text = body.trim();
  if (!text) throw new KeptError('invalid_input', 'Write a message first', { problems: [{ path: ['body'], message: 'is empty' }] });
  if (text.length > 5000) {
    throw new KeptError('invalid_input', 'The message is too long', {
      problems: [{ path: ['body'], message: 'at most 5,000 characters' }],
    });
  }
  return text;
}

/**
 * A customer's reply on a case, inside the caller's transaction: on the case, on the timeline
 * (`via`: the case page or e-mail), and the owner is told by mail. Answers the message.
 */
export async function replyOnCaseIn(
  tx: Db,
  c: CaseRecord,
  text: string,
  now: Date,
  via: 'page' | 'email',
  idempotencyKey?: string,
): Promise<CaseMessage> {
  const id = uuidv7(now.getTime());
  await store.insertMessage(tx, {
    workspaceId: c.workspaceId,
    id,
    caseId: c.id,
    direction: 'from_customer',
    body: text,
    byUser: null,
    mailId: null,
    at: now,
  });
  await insertEvents(
    tx,
    c.workspaceId,
    [
      {
        ...caseEvent(c, 'case.customer_replied', now, { messageId: id, excerpt: excerpt(text), ...(via === 'email' ? { via } : {}) }),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      },
    ],
    now,
  );
  if (c.ownerId) {
    for (const u of await staffEmails(tx, c.workspaceId, [c.ownerId])) {
      const subject = `The customer replied on case #${c.number} (${c.title})`;
      await enqueueMail(
        tx,
        c.workspaceId,
        {
          customerId: null,
          invitationId: null,
          kind: 'case_reply',
          to: u.email,
          subject,
          html: `<p>${escapeHtml(subject)}:</p><blockquote>${escapeHtml(text)}</blockquote>`,
          text: `${subject}:\n\n${text}\n`,
          headers: {},
        },
        now,
      );
    }
  }
  return { id, direction: 'from_customer', body: text, at: now.toISOString(), by: null, mailId: null };
}

/** A reply the customer wrote on their case page: on the case, on the timeline, and the owner is told. */
export async function replyFromCustomer(d: PlaybookDeps, token: string, body: string): Promise<CaseMessage> {
  const text = checkReply(body);
  const c = await caseFromLink(d, token);
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const message = await replyOnCaseIn(tx, c, text, now, 'page');
    await recognizeIn(tx, d, c.workspaceId, {
      kind: 'case_reply',
      id: message.id,
      customerId: c.customerId,
      text,
      surveyKind: null,
      score: null,
    });
    return message;
  });
}

/** Staff write to the customer about the case (an open or closed one). */
export async function writeToCustomer(
  d: PlaybookDeps,
  workspaceId: string,
  caseId: string,
  body: string,
  byUser: string | null,
): Promise<CaseMessage> {
  const now = d.clock.now();
  const id = await d.db.transaction().execute(async (tx) => {
    const c = isUuid(caseId) ? await findCase(tx, workspaceId, caseId, true) : undefined;
    if (!c) throw notFound('The case');
    return (await sendToCustomerIn(tx, d, c, body, byUser, now)).messageId;
  });
  return (await listMessages(d.db, workspaceId, caseId)).find((m) => m.id === id)!;
}

/** The thread of a case that exists. */
export async function caseMessages(db: Db, workspaceId: string, caseId: string): Promise<CaseMessage[]> {
  if (!isUuid(caseId) || !(await findCase(db, workspaceId, caseId))) throw notFound('The case');
  return listMessages(db, workspaceId, caseId);
}
