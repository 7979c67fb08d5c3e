// The receipt a customer gets when they complain to the company directly (its form, an e-mail):
// the company heard them, a person is on it, the case's number and page, and that replying to the
// mail reaches the same case. It is the case's first message from the company, so it is on the
// customer's case page and the staff's thread too, and it leaves through the outbox like any other.
import type { ComplaintResult } from '../../../contract/complaints.ts';
import { findCase } from '../../storage/cases.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { companyVoice } from '../core/company-profile.ts';
import { customerWhere } from '../core/customer-text.ts';
import { sendToCustomerIn, type PlaybookDeps } from './case-messages.ts';

const texts = {
  en: {
    hello: 'Dear {name},',
    someone: 'Hello,',
    body:
      'Thank you for telling us. We have received your message, and a person from our team is looking into it now ' +
      '(case #{number}).\n\nWe will write to you here. You can reply to this mail at any time; your reply reaches the same case.',
  },
  fr: {
    hello: 'Bonjour {name},',
    someone: 'Bonjour,',
    body:
      'Merci de nous avoir écrit. Nous avons bien reçu votre message, et une personne de notre équipe s’en occupe ' +
      '(dossier n° {number}).\n\nNous vous répondrons ici. Vous pouvez répondre à ce message à tout moment : votre réponse rejoint le même dossier.',
  },
  de: {
    hello: 'Guten Tag {name},',
    someone: 'Guten Tag,',
    body:
      'Danke, dass Sie uns geschrieben haben. Ihre Nachricht ist angekommen, und jemand aus unserem Team kümmert sich ' +
      'darum (Anliegen Nr. {number}).\n\nWir schreiben Ihnen hier. Sie können jederzeit auf diese Mail antworten; Ihre Antwort landet im selben Anliegen.',
  },
} as const;

/**
 * Sends the receipt for a complaint just stored (not for a repeat, and only when the customer has an
 * address). Answers the mail's id, or null when none was sent.
 */
export async function sendComplaintReceipt(d: PlaybookDeps, workspaceId: string, r: ComplaintResult): Promise<string | null> {
  if (r.duplicate || !r.complaint.caseId) return null;
  const caseId = r.complaint.caseId;
  return d.db.transaction().execute(async (tx) => {
    const c = await findCase(tx, workspaceId, caseId, true);
    if (!c) return null;
    const customer = (await customerProfiles(tx, workspaceId, [c.customerId])).get(c.customerId);
    if (!customer?.email) return null;
    const locale = customerWhere(customer, await companyVoice(tx, workspaceId)).locale.slice(0, 2);
    const t = texts[locale in texts ? (locale as keyof typeof texts) : 'en'];
    const greeting = customer.name?.trim() ? t.hello.replace('{name}', customer.name.trim()) : t.someone;
    const body = `${greeting}\n\n${t.body.replace('{number}', String(c.number))}`;
    return (await sendToCustomerIn(tx, d, c, body, null, d.clock.now())).mailId;
  });
}
