// What a customer reads about a promise made to them, in their language (en, fr, de; anything else
// reads English): made (what and by when), kept (it is done), missed (an apology and what happens
// next). Dates come in words, in the customer's language and time zone; the company frames it.
import type { ComposedMail } from '../one-voice/mails.ts';
import { frameMail, type MailBrand } from '../one-voice/mail-frame.ts';
import { formatWhen, type CustomerWhere } from '../core/customer-text.ts';

export type PromiseNotice = 'made' | 'kept' | 'missed';
type Lang = 'en' | 'fr' | 'de';

interface NoticeText {
  subject: string;
  body: string;
}

const hello: Record<Lang, (name: string | null) => string> = {
  en: (n) => (n ? `Hello ${n},` : 'Hello,'),
  fr: (n) => (n ? `Bonjour ${n},` : 'Bonjour,'),
  de: (n) => (n ? `Hallo ${n},` : 'Guten Tag,'),
};

const texts: Record<Lang, Record<PromiseNotice, NoticeText>> = {
  en: {
    made: {
      subject: '{company}: what we promised you',
      body: 'We promised you: {what}.\n\nWe will do it by {due}, and we will write to you again when it is done.',
    },
    kept: { subject: '{company}: it is done', body: 'We promised you: {what}, by {due}.\n\nIt is done. Thank you for your patience.' },
    missed: {
      subject: '{company}: we did not keep our promise',
      body:
        'We promised you: {what}, by {due}. We did not manage it, and we are sorry.\n\n' +
        'We are on it now: someone from our team will be in touch with you shortly to put it right.',
    },
  },
  fr: {
    made: {
      subject: '{company} : ce que nous vous avons promis',
      body: 'Nous vous avons promis : {what}.\n\nCe sera fait d’ici le {due}, et nous vous écrirons dès que ce sera fait.',
    },
    kept: {
      subject: '{company} : c’est fait',
      body: 'Nous vous avions promis : {what}, d’ici le {due}.\n\nC’est fait. Merci de votre patience.',
    },
    missed: {
      subject: '{company} : nous n’avons pas tenu notre promesse',
      body:
        'Nous vous avions promis : {what}, d’ici le {due}. Nous n’y sommes pas parvenus, et nous en sommes désolés.\n\n' +
        'Nous nous en occupons maintenant : quelqu’un de notre équipe vous contactera très vite pour arranger les choses.',
    },
  },
  de: {
    made: {
      subject: '{company}: was wir Ihnen versprochen haben',
      body: 'Wir haben Ihnen versprochen: {what}.\n\nWir erledigen das bis {due} und schreiben Ihnen wieder, sobald es erledigt ist.',
    },
    kept: {
      subject: '{company}: es ist erledigt',
      body: 'Wir hatten Ihnen versprochen: {what}, bis {due}.\n\nEs ist erledigt. Danke für Ihre Geduld.',
    },
    missed: {
      subject: '{company}: wir haben unser Versprechen nicht gehalten',
      body:
        'Wir hatten Ihnen versprochen: {what}, bis {due}. Das haben wir nicht geschafft, und das tut uns leid.\n\n' +
        'Wir kümmern uns jetzt darum: Jemand aus unserem Team meldet sich in Kürze bei Ihnen, um es wiedergutzumachen.',
    },
  },
};

const follow: Record<Lang, string> = {
  en: 'Follow it, or reply to this mail:',
  fr: 'Suivez-le, ou répondez à ce message :',
  de: 'Verfolgen Sie es, oder antworten Sie auf diese Mail:',
};

const langOf = (locale: string): Lang => {
  const l = locale.slice(0, 2).toLowerCase();
  return l === 'fr' || l === 'de' ? l : 'en';
};

/** The promise as the customer reads it: one line, no closing full stop (the sentence adds its own). */
const promiseWords = (what: string) =>
  what
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');

export function composePromiseNotice(o: {
  notice: PromiseNotice;
  brand: MailBrand;
  where: CustomerWhere;
  name: string | null;
  what: string;
  dueAt: Date;
  /** The customer's page of the case the promise belongs to (or its breaking opened), when there is one. */
  caseUrl?: string;
}): ComposedMail {
  const lang = langOf(o.where.locale);
  const t = texts[lang][o.notice];
  const values: Record<string, string> = { company: o.brand.companyName, what: promiseWords(o.what), due: formatWhen(o.dueAt, o.where) };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  return frameMail({
    brand: o.brand,
    locale: o.where.locale,
    subject: fill(t.subject),
    body: `${hello[lang](o.name)}\n\n${fill(t.body)}`,
    links: o.caseUrl ? [{ label: follow[lang], url: o.caseUrl }] : [],
  });
}
