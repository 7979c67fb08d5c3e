// The mail that confirms an unsubscribe, in the company's voice and the customer's language (en,
// fr, de): what they will no longer receive, and what still reaches them. An unsubscribe is
// permanent (there is no resubscribe link to offer), so the mail offers none. It is transactional:
// the unsubscribe holds back survey mail only, so it is sent despite the unsubscribe it confirms,
// once, in the transaction that recorded the unsubscribe.
import type { Db } from '../../storage/database.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import type { Clock } from '../core/clock.ts';
import { companyVoice } from '../core/company-profile.ts';
import { customerWhere } from '../core/customer-text.ts';
import { frameMail, type MailBrand } from '../one-voice/mail-frame.ts';
import type { ComposedMail } from '../one-voice/mails.ts';
import { queueMessageIn, type Queued } from '../one-voice/outbox.ts';

/** The outbox kind of the confirmation. */
export const unsubscribeConfirmationKind = 'unsubscribe_confirmation';

const texts = {
  en: {
    subject: '{company}: you are unsubscribed from our surveys',
    hello: (n: string | null) => (n ? `Hello ${n},` : 'Hello,'),
    body:
      'You will receive no more survey e-mails from {company}: no more invitations to rate us, and no reminders.\n\n' +
      'Messages about your own orders, cases and what we promised you will still reach you.\n\nThere is nothing else you need to do.',
  },
  fr: {
    subject: '{company} : vous êtes désabonné de nos enquêtes',
    hello: (n: string | null) => (n ? `Bonjour ${n},` : 'Bonjour,'),
    body:
      'Vous ne recevrez plus d’e-mails d’enquête de {company} : plus d’invitations à nous noter, ni de rappels.\n\n' +
      'Les messages au sujet de vos commandes, de vos dossiers et de ce que nous vous avons promis continueront de vous parvenir.\n\n' +
      'Vous n’avez rien d’autre à faire.',
  },
  de: {
    subject: '{company}: Sie sind von unseren Umfragen abgemeldet',
    hello: (n: string | null) => (n ? `Hallo ${n},` : 'Guten Tag,'),
    body:
      'Sie erhalten keine Umfrage-E-Mails mehr von {company}: keine Einladungen, uns zu bewerten, und keine Erinnerungen.\n\n' +
      'Nachrichten zu Ihren eigenen Bestellungen, Anliegen und zu dem, was wir Ihnen versprochen haben, erreichen Sie weiterhin.\n\n' +
      'Sie müssen nichts weiter tun.',
  },
} as const;

export function composeUnsubscribeConfirmation(o: { brand: MailBrand; locale: string; name: string | null }): ComposedMail {
  const l = o.locale.slice(0, 2).toLowerCase();
  const t = texts[l === 'fr' || l === 'de' ? l : 'en'];
  const fill = (s: string) => s.replaceAll('{company}', o.brand.companyName);
  return frameMail({ brand: o.brand, locale: o.locale, subject: fill(t.subject), body: `${t.hello(o.name)}\n\n${fill(t.body)}` });
}

/**
 * Queues the confirmation through the outbox, in the unsubscribe's transaction (so one unsubscribe
 * sends one). Answers undefined when the customer has no e-mail address.
 */
export async function confirmUnsubscribeIn(tx: Db, clock: Clock, workspaceId: string, customerId: string): Promise<Queued | undefined> {
  const customer = (await customerProfiles(tx, workspaceId, [customerId])).get(customerId);
  if (!customer?.email) return undefined;
  const brand = await companyVoice(tx, workspaceId);
  const mail = composeUnsubscribeConfirmation({ brand, locale: customerWhere(customer, brand).locale, name: customer.name });
  return queueMessageIn(tx, clock, workspaceId, {
    customerId,
    kind: unsubscribeConfirmationKind,
    source: 'kept',
    to: customer.email,
    idempotencyKey: `unsubscribe:${customerId}`,
    ...mail,
  });
}
