// Replies reach the case. A customer who answers any mail about a case (its messages, the complaint
// receipt, the apology, the follow-up survey) lands on that case, never in a void: the e-mail that
// comes in through the inbound path (POST /api/v1/complaints/email) is matched by the mails it
// answers (In-Reply-To and References carry our Message-ID, `<mail id@domain>`), else by a case
// number in its subject ("... case #68") when the sender is that case's customer. A match is a
// reply on the case (owner told, on the timeline, praise naming a person reaches them, as on the case
// page); anything else is a new complaint as before.
import type { CaseMessage } from '../../../contract/playbook.ts';
import { caseOfCustomerByNumber, caseOfMails } from '../../storage/case-threads.ts';
import { findCase, type CaseRecord } from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { findByIdempotencyKeys } from '../../storage/events.ts';
import { isUuid } from '../../lib/ids.ts';
import { recognizeIn, type RecognitionDeps } from '../learning/recognition.ts';
import { checkReply, replyOnCaseIn } from './case-messages.ts';
import type { ComplaintMail } from './complaint-mail.ts';

/** The mail ids our Message-IDs carry: `<0192f0c4-...@acme.test>` gives the uuid. */
export function mailIdsOf(messageIds: string[]): string[] {
  return messageIds.map((m) => /^<([0-9a-f-]{36})@/i.exec(m)?.[1]?.toLowerCase()).filter((id): id is string => !!id && isUuid(id));
}

/** The case number a subject names: "Re: Harbour & Pine: about your case #68" gives 68. */
export function caseNumberIn(subject: string | null): number | undefined {
  const m = subject ? /#\s?(\d{1,9})\b/.exec(subject) : null;
  return m ? Number(m[1]) : undefined;
}

/** The case an incoming customer e-mail answers, if it answers one. */
export async function caseOfIncomingMail(db: Db, workspaceId: string, mail: ComplaintMail): Promise<CaseRecord | undefined> {
  let caseId = await caseOfMails(db, workspaceId, mailIdsOf(mail.answers));
  const number = caseNumberIn(mail.subject);
  if (!caseId && number !== undefined) caseId = await caseOfCustomerByNumber(db, workspaceId, number, mail.from.email);
  return caseId ? findCase(db, workspaceId, caseId) : undefined;
}

export interface CaseReplyResult {
  caseId: string;
  caseNumber: number;
  message: CaseMessage;
  duplicate: boolean;
}

/**
 * Stores an incoming e-mail as the customer's reply on the case it answers; undefined when it
 * answers none. A redelivery of the same message (its Message-ID) is stored once.
 */
export async function receiveCaseReply(d: RecognitionDeps, workspaceId: string, mail: ComplaintMail): Promise<CaseReplyResult | undefined> {
  const c = await caseOfIncomingMail(d.db, workspaceId, mail);
  if (!c) return undefined;
  const text = checkReply(mail.body.slice(0, 5000));
  const key = `case-reply:${mail.idempotencyKey}`;
  return d.db.transaction().execute(async (tx) => {
    const [seen] = await findByIdempotencyKeys(tx, workspaceId, [{ source: 'kept', key }]);
    if (seen) {
      const data = seen.data as { messageId?: string; excerpt?: string };
      return {
        caseId: c.id,
        caseNumber: c.number,
        message: { id: data.messageId ?? seen.id, direction: 'from_customer', body: text, at: seen.occurredAt, by: null, mailId: null },
        duplicate: true,
      };
    }
    const message = await replyOnCaseIn(tx, c, text, d.clock.now(), 'email', key);
    await recognizeIn(tx, d, workspaceId, {
      kind: 'case_reply',
      id: message.id,
      customerId: c.customerId,
      text,
      surveyKind: null,
      score: null,
    });
    return { caseId: c.id, caseNumber: c.number, message, duplicate: false };
  });
}
