// The texts of the public complaint form in Kept's built-in locales (English, French, German),
// by the same mechanism as the survey pages' built-in texts (survey-texts.ts): the locale is
// chosen with chooseBuiltInLocale, placeholders are filled with format(). Kept apart from
// uiTexts only to keep that file's size in check; the page also uses uiTexts' shared ones.
import type { builtInLocales } from '../../../contract/surveys.ts';
import { normalizeLocale } from '../signals/survey-texts.ts';

type BuiltInLocale = (typeof builtInLocales)[number];

export interface ComplaintTexts {
  pageTitle: string; // {brand}
  heading: string;
  intro: string;
  nameLabel: string;
  emailLabel: string;
  emailHint: string;
  referenceLabel: string;
  bodyLabel: string;
  bodyHint: string;
  whenLegend: string;
  whenHint: string; // {zone}
  dateLabel: string;
  timeLabel: string;
  submit: string;
  fixErrors: string;
  emailMissing: string;
  emailInvalid: string;
  bodyMissing: string;
  tooLong: string; // {max}
  dateInvalid: string;
  timeInvalid: string;
  whenFuture: string;
  whenTooOld: string;
  thankYouTitle: string;
  replyWithin: string; // {email} {duration}
  replyWithinBusinessHours: string; // {email} {duration}
  notFoundTitle: string;
  notFound: string;
}

// French typography puts a (non-breaking) space before ? and :.
const nb = '\u00a0';

const texts: Record<BuiltInLocale, ComplaintTexts> = {
  en: {
    pageTitle: 'Report a problem to {brand}',
    heading: 'Tell us what went wrong',
    intro: 'A person reads every message and replies by e-mail.',
    nameLabel: 'Your name',
    emailLabel: 'Your e-mail address',
    emailHint: 'We reply to this address.',
    referenceLabel: 'Order or reference number',
    bodyLabel: 'What happened?',
    bodyHint: 'In your own words: what went wrong, and what you would like us to do.',
    whenLegend: 'When did it happen?',
    whenHint: 'Leave empty if it is happening now. Times are in {zone}.',
    dateLabel: 'Date',
    timeLabel: 'Time',
    submit: 'Send',
    fixErrors: 'Your message was not sent yet:',
    emailMissing: 'Enter your e-mail address, so that we can reply.',
    emailInvalid: 'Enter an e-mail address like name@example.com.',
    bodyMissing: 'Tell us what happened.',
    tooLong: 'This is too long: at most {max} characters.',
    dateInvalid: 'Enter a date like 2026-03-01.',
    timeInvalid: 'Enter a time like 14:30.',
    whenFuture: 'This is in the future. Enter when it happened.',
    whenTooOld: 'This is more than a year ago. Enter a date within the last year.',
    thankYouTitle: 'Thank you, we have your message',
    replyWithin: 'A person will reply by e-mail to {email} within {duration}.',
    replyWithinBusinessHours: 'A person will reply by e-mail to {email} within {duration}, counted in our business hours.',
    notFoundTitle: 'This page does not exist',
    notFound: 'There is no complaint form at this address. Check the link you followed.',
  },
  fr: {
    pageTitle: 'Signaler un problème à {brand}',
    heading: 'Dites-nous ce qui ne va pas',
    intro: 'Une personne lit chaque message et vous répond par e-mail.',
    nameLabel: 'Votre nom',
    emailLabel: 'Votre adresse e-mail',
    emailHint: 'Nous vous répondrons à cette adresse.',
    referenceLabel: 'Numéro de commande ou de référence',
    bodyLabel: `Que s’est-il passé${nb}?`,
    bodyHint: `Avec vos mots${nb}: ce qui ne va pas, et ce que vous attendez de nous.`,
    whenLegend: `Quand est-ce arrivé${nb}?`,
    whenHint: 'Laissez vide si c’est en ce moment. Les heures sont en {zone}.',
    dateLabel: 'Date',
    timeLabel: 'Heure',
    submit: 'Envoyer',
    fixErrors: `Votre message n’a pas encore été envoyé${nb}:`,
    emailMissing: 'Indiquez votre adresse e-mail, pour que nous puissions vous répondre.',
    emailInvalid: 'Indiquez une adresse e-mail comme nom@exemple.fr.',
    bodyMissing: 'Dites-nous ce qui s’est passé.',
    tooLong: `C’est trop long${nb}: {max} caractères au maximum.`,
    dateInvalid: 'Indiquez une date comme 2026-03-01.',
    timeInvalid: 'Indiquez une heure comme 14:30.',
    whenFuture: 'Cette date est dans le futur. Indiquez quand c’est arrivé.',
    whenTooOld: 'Cette date remonte à plus d’un an. Indiquez une date de l’année écoulée.',
    thankYouTitle: 'Merci, nous avons bien reçu votre message',
    replyWithin: 'Une personne vous répondra par e-mail à {email} sous {duration}.',
    replyWithinBusinessHours: 'Une personne vous répondra par e-mail à {email} sous {duration}, comptées pendant nos heures d’ouverture.',
    notFoundTitle: 'Cette page n’existe pas',
    notFound: 'Il n’y a pas de formulaire de réclamation à cette adresse. Vérifiez le lien que vous avez suivi.',
  },
  de: {
    pageTitle: 'Ein Problem an {brand} melden',
    heading: 'Sagen Sie uns, was schiefgelaufen ist',
    intro: 'Jede Nachricht wird von einem Menschen gelesen und per E-Mail beantwortet.',
    nameLabel: 'Ihr Name',
    emailLabel: 'Ihre E-Mail-Adresse',
    emailHint: 'An diese Adresse antworten wir.',
    referenceLabel: 'Bestell- oder Referenznummer',
    bodyLabel: 'Was ist passiert?',
    bodyHint: 'In Ihren eigenen Worten: was schiefgelaufen ist und was wir für Sie tun sollen.',
    whenLegend: 'Wann ist es passiert?',
    whenHint: 'Leer lassen, wenn es gerade passiert. Zeiten gelten in {zone}.',
    dateLabel: 'Datum',
    timeLabel: 'Uhrzeit',
    submit: 'Senden',
    fixErrors: 'Ihre Nachricht wurde noch nicht gesendet:',
    emailMissing: 'Geben Sie Ihre E-Mail-Adresse an, damit wir antworten können.',
    emailInvalid: 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de an.',
    bodyMissing: 'Sagen Sie uns, was passiert ist.',
    tooLong: 'Das ist zu lang: höchstens {max} Zeichen.',
    dateInvalid: 'Geben Sie ein Datum wie 2026-03-01 an.',
    timeInvalid: 'Geben Sie eine Uhrzeit wie 14:30 an.',
    whenFuture: 'Das liegt in der Zukunft. Geben Sie an, wann es passiert ist.',
    whenTooOld: 'Das ist mehr als ein Jahr her. Geben Sie ein Datum innerhalb des letzten Jahres an.',
    thankYouTitle: 'Vielen Dank, wir haben Ihre Nachricht',
    replyWithin: 'Ein Mensch antwortet Ihnen innerhalb von {duration} per E-Mail an {email}.',
    replyWithinBusinessHours:
      'Ein Mensch antwortet Ihnen innerhalb von {duration}, gerechnet in unseren Geschäftszeiten, per E-Mail an {email}.',
    notFoundTitle: 'Diese Seite gibt es nicht',
    notFound: 'Unter dieser Adresse gibt es kein Beschwerdeformular. Prüfen Sie den Link, dem Sie gefolgt sind.',
  },
};

/** The complaint form's texts in a locale (by its language; English when Kept has none). */
export function complaintTexts(locale: string): ComplaintTexts {
  const lang = (normalizeLocale(locale) ?? 'en').split('-')[0]!;
  return lang in texts ? texts[lang as BuiltInLocale] : texts.en;
}

/** "24 hours", "24 heures", "24 Stunden" (and "1 hour"), as the language writes it. */
export function hoursText(locale: string, hours: number): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(hours);
}
