// The e-mail a customer gets when the company writes about their case: the message as staff wrote
// it, in the company's frame (its name, logo, colour and signature), and the link to the
// customer's own page for the case, where they can follow it and reply. A reply to the mail
// itself reaches the case too (domain/recovery/case-replies.ts reads its thread headers).
import type { ComposedMail } from '../one-voice/mails.ts';
import { frameMail, type MailBrand } from '../one-voice/mail-frame.ts';

const texts = {
  en: { subject: '{company}: about your case #{number}', follow: 'Follow your case, or reply to this mail:' },
  fr: { subject: '{company} : à propos de votre dossier n° {number}', follow: 'Suivez votre dossier, ou répondez à ce message :' },
  de: { subject: '{company}: zu Ihrem Anliegen Nr. {number}', follow: 'Verfolgen Sie Ihr Anliegen, oder antworten Sie auf diese Mail:' },
} as const;

export const caseMailTexts = (locale: string) =>
  texts[(locale.slice(0, 2) as keyof typeof texts) in texts ? (locale.slice(0, 2) as keyof typeof texts) : 'en'];

export function composeCaseMail(o: { brand: MailBrand; locale: string; caseNumber: number; body: string; caseUrl: string }): ComposedMail {
  const t = caseMailTexts(o.locale);
  const subject = t.subject.replace('{company}', o.brand.companyName).replace('{number}', String(o.caseNumber));
  return frameMail({ brand: o.brand, locale: o.locale, subject, body: o.body, links: [{ label: t.follow, url: o.caseUrl }] });
}
