// What a customer is told when an improvement they asked for is done, in their language
// (en/fr/de), quoting what they said.
import { trimAtWord } from '../core/customer-text.ts';
import { frameMail, type MailBrand } from '../one-voice/mail-frame.ts';

export type NoticeLocale = 'en' | 'fr' | 'de';

export const noticeLocale = (locale: string | null | undefined): NoticeLocale => {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'fr' || l === 'de' ? l : 'en';
};

const texts: Record<NoticeLocale, { subject: string; hello: string; said: string; did: string; thanks: string; someone: string }> = {
  en: {
    subject: 'You said, we did: {title}',
    hello: 'Hello {name},',
    said: 'You told us: “{words}”',
    did: 'We listened, and this has changed: {told}',
    thanks: 'Thank you for telling us. {company} is better for it.',
    someone: 'there',
  },
  fr: {
    subject: 'Vous l’avez dit, nous l’avons fait : {title}',
    hello: 'Bonjour {name},',
    said: 'Vous nous avez écrit : « {words} »',
    did: 'Nous vous avons écouté, et voici ce qui a changé : {told}',
    thanks: 'Merci de nous l’avoir dit. {company} s’est amélioré grâce à vous.',
    someone: '',
  },
  de: {
    subject: 'Sie haben es gesagt, wir haben es getan: {title}',
    hello: 'Hallo {name},',
    said: 'Sie haben uns geschrieben: „{words}“',
    did: 'Wir haben zugehört, und das hat sich geändert: {told}',
    thanks: 'Danke, dass Sie es uns gesagt haben. {company} ist dadurch besser geworden.',
    someone: '',
  },
};

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const quote = (s: string) => trimAtWord(s, 300);

export function composeNotice(o: {
  locale: NoticeLocale;
  title: string;
  told: string;
  words: string;
  name: string | null;
  company: string;
  /** The company's look (logo, colour, signature): the notice is framed like every mail to a customer. */
  brand?: MailBrand;
}): { subject: string; text: string; html: string } {
  const t = texts[o.locale];
  const v = { title: o.title, told: o.told, words: quote(o.words), name: o.name ?? t.someone, company: o.company };
  const lines = [fill(t.hello, v).replace(' ,', ','), fill(t.said, v), fill(t.did, v), fill(t.thanks, v)];
  if (o.brand) return frameMail({ brand: o.brand, locale: o.locale, subject: fill(t.subject, v), body: lines.join('\n\n') });
  return {
    subject: fill(t.subject, v),
    text: lines.join('\n\n') + '\n',
    html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n'),
  };
}

/** What customers are told when a rule they complained about is changed or trashed. */
export function improvementTexts(outcome: 'change' | 'trash', rule: string, newText: string): Record<NoticeLocale, string> {
  return outcome === 'change'
    ? {
        en: `“${rule}” now reads: ${newText}`,
        fr: `« ${rule} » a changé ; désormais : ${newText}`,
        de: `„${rule}“ wurde geändert und lautet jetzt: ${newText}`,
      }
    : { en: `“${rule}” is gone.`, fr: `« ${rule} » n’existe plus.`, de: `„${rule}“ gibt es nicht mehr.` };
}
