// Promise notices: the customer is told, in the company's voice, when a promise is made to them,
// when it is kept, and when it is missed (with an apology and what happens next). Each is sent in
// the transaction that made, kept or broke the promise, through the outbox (the guard may hold or
// cancel it, like any message to a customer), and claimed first in `commitment_notices`, so a
// retried job or a second process tells nobody twice. A promise with `tellCustomer: false`, or
// made before notices existed, tells nobody; a customer without an e-mail address is recorded as
// `no_address`. Staff read each notice on the promise and on the customer's timeline.
import type { CommitmentNotice } from '../../../contract/commitments.ts';
import * as store from '../../storage/commitment-notices.ts';
import type { CommitmentRecord } from '../../storage/commitments.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { companyVoice } from '../core/company-profile.ts';
import { customerWhere } from '../core/customer-text.ts';
import { queueMessageIn } from '../one-voice/outbox.ts';
import { signLink } from '../signals/links.ts';
import type { SettingsCache } from '../signals/signal-settings.ts';
import { composePromiseNotice, type PromiseNotice } from './commitment-notice-texts.ts';

/** What a notice needs to link to the customer's case page; without it, notices go without the link. */
export interface NoticeLinks {
  settings: SettingsCache;
  publicUrl: string;
}

/** The outbox kind of each notice: guard rules can match on it (e.g. hold "it is done" after a failed refund). */
export const promiseNoticeKinds: Record<PromiseNotice, string> = { made: 'promise_made', kept: 'promise_kept', missed: 'promise_missed' };

async function caseLink(links: NoticeLinks | undefined, workspaceId: string, caseId: string | null): Promise<string | undefined> {
  if (!links || !caseId) return undefined;
  const s = await links.settings.get(workspaceId);
  return `${links.publicUrl}/c/${signLink(s.linkSecret, 'case', workspaceId, caseId)}`;
}

/**
 * Tells the customer about the promise, in the caller's transaction, once per promise and notice.
 * `caseId`: the case to link to (the promise's own, or for a missed one the case its breaking
 * opened or joined). Answers the notice, or undefined when nobody is to be told or it was told.
 */
export async function tellCustomerIn(
  tx: Db,
  d: { clock: Clock; links?: NoticeLinks },
  c: CommitmentRecord,
  notice: PromiseNotice,
  caseId: string | null,
): Promise<CommitmentNotice | undefined> {
  if (!c.tellCustomer) return undefined;
  const now = d.clock.now();
  const ws = c.workspaceId;
  const claimed = { commitmentId: c.id, notice, status: 'no_address' as const, messageId: null, mailId: null, at: now };
  if (!(await store.claimNotice(tx, ws, claimed))) return undefined;
  const customer = (await customerProfiles(tx, ws, [c.customerId])).get(c.customerId);
  let outcome: { status: store.NoticeStatus; messageId: string | null; mailId: string | null } = claimed;
  let subject: string | null = null;
  if (customer?.email) {
    const brand = await companyVoice(tx, ws);
    const mail = composePromiseNotice({
      notice,
      brand,
      where: customerWhere(customer, brand),
      name: customer.name,
      what: c.what,
      dueAt: c.dueAt,
      caseUrl: await caseLink(d.links, ws, caseId),
    });
    subject = mail.subject;
    const q = await queueMessageIn(tx, d.clock, ws, {
      customerId: c.customerId,
      kind: promiseNoticeKinds[notice],
      source: 'kept',
      to: customer.email,
      idempotencyKey: `commitment:${c.id}:${notice}`,
      ...mail,
    });
    outcome = { status: q.status, messageId: q.messageId, mailId: q.mailId };
    await store.settleNotice(tx, ws, c.id, notice, outcome);
  }
  // Kept's own passed mail is not on the timeline otherwise: this says what the customer was told.
  await insertEvents(
    tx,
    ws,
    [
      {
        id: uuidv7(now.getTime()),
        customerId: c.customerId,
        type: 'commitment.customer_told',
        source: 'kept',
        occurredAt: now,
        idempotencyKey: `commitment:${c.id}:notice:${notice}`,
        data: { commitmentId: c.id, what: c.what, notice, status: outcome.status, subject, mailId: outcome.mailId },
      },
    ],
    now,
  );
  return presentNotice({ ...claimed, ...outcome });
}

export const presentNotice = (n: store.CommitmentNoticeRecord): CommitmentNotice => ({
  notice: n.notice,
  status: n.status,
  at: n.at.toISOString(),
  messageId: n.messageId,
  mailId: n.mailId,
});

/** The notices of these commitments, by commitment, oldest first. */
export async function noticesOfCommitments(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, CommitmentNotice[]>> {
  const rows = await store.noticesOf(db, workspaceId, ids);
  return new Map([...rows].map(([id, list]) => [id, list.map(presentNotice)]));
}
