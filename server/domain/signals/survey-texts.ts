// Customer-facing texts: the built-in ones in English, French and German, a survey's own
// overrides per locale, and how a locale is chosen from the customer's and the browser's.
// The scale is explained only by its two ends ("Not at all likely" / "Extremely likely"); no
// text ever names the bands (promoters, detractors, "9-10 = ...").
import { builtInLocales, surveyTextKeys, type Survey, type SurveyKind, type SurveyTexts } from '../../../contract/surveys.ts';

type BuiltInLocale = (typeof builtInLocales)[number];
type KindTexts = Pick<SurveyTexts, 'question' | 'lowLabel' | 'highLabel'>;
type CommonTexts = Omit<SurveyTexts, keyof KindTexts>;

// French typography puts a (non-breaking) space before ? and !.
const nb = '\u00a0';

const byKind: Record<BuiltInLocale, Record<SurveyKind, KindTexts>> = {
  en: {
    nps: {
      question: 'How likely are you to recommend {brand} to a friend or colleague?',
      lowLabel: 'Not at all likely',
      highLabel: 'Extremely likely',
    },
    csat: { question: 'How satisfied are you with {brand}?', lowLabel: 'Very dissatisfied', highLabel: 'Very satisfied' },
    ces: { question: '{brand} made it easy for me to handle my request.', lowLabel: 'Strongly disagree', highLabel: 'Strongly agree' },
  },
  fr: {
    nps: {
      question: `Quelle est la probabilité que vous recommandiez {brand} à un ami ou à un collègue${nb}?`,
      lowLabel: 'Pas du tout probable',
      highLabel: 'Extrêmement probable',
    },
    csat: {
      question: `Dans quelle mesure êtes-vous satisfait de {brand}${nb}?`,
      lowLabel: 'Très insatisfait',
      highLabel: 'Très satisfait',
    },
    ces: {
      question: '{brand} m’a permis de traiter facilement ma demande.',
      lowLabel: 'Pas du tout d’accord',
      highLabel: 'Tout à fait d’accord',
    },
  },
  de: {
    nps: {
      question: 'Wie wahrscheinlich ist es, dass Sie {brand} einem Freund oder Kollegen weiterempfehlen?',
      lowLabel: 'Überhaupt nicht wahrscheinlich',
      highLabel: 'Äußerst wahrscheinlich',
    },
    csat: { question: 'Wie zufrieden sind Sie mit {brand}?', lowLabel: 'Sehr unzufrieden', highLabel: 'Sehr zufrieden' },
    ces: {
      question: '{brand} hat es mir leicht gemacht, mein Anliegen zu erledigen.',
      lowLabel: 'Stimme überhaupt nicht zu',
      highLabel: 'Stimme voll und ganz zu',
    },
  },
};

const common: Record<BuiltInLocale, CommonTexts> = {
  en: {
    reasonQuestion: 'What is the main reason for your score?',
    submit: 'Send',
    thankYou: 'Thank you! Your answer helps {brand} do better.',
    emailSubject: 'A quick question from {brand}',
    emailIntro: 'We would like to know how we are doing. Answering takes a click.',
    dismiss: 'Not now',
  },
  fr: {
    reasonQuestion: `Quelle est la raison principale de votre note${nb}?`,
    submit: 'Envoyer',
    thankYou: `Merci${nb}! Votre réponse aide {brand} à s’améliorer.`,
    emailSubject: 'Une petite question de la part de {brand}',
    emailIntro: 'Nous aimerions savoir ce que vous pensez de nous. Répondre ne prend qu’un clic.',
    dismiss: 'Pas maintenant',
  },
  de: {
    reasonQuestion: 'Was ist der Hauptgrund für Ihre Bewertung?',
    submit: 'Senden',
    thankYou: 'Vielen Dank! Ihre Antwort hilft {brand}, besser zu werden.',
    emailSubject: 'Eine kurze Frage von {brand}',
    emailIntro: 'Wir möchten gern wissen, wie zufrieden Sie mit uns sind. Die Antwort kostet Sie nur einen Klick.',
    dismiss: 'Nicht jetzt',
  },
};

/** The built-in texts of a kind in a built-in locale, with {brand} still in them. */
export function builtInTexts(kind: SurveyKind, locale: BuiltInLocale): SurveyTexts {
  return { ...byKind[locale][kind], ...common[locale] };
}

const isBuiltIn = (l: string): l is BuiltInLocale => (builtInLocales as readonly string[]).includes(l);

/**
 * A language tag in the form Kept stores (`fr`, `pt-BR`), or undefined when it is not one.
 * Accepts what browsers and customer records carry: `fr_ca`, `FR-ca`, `zh-Hant-TW`, `de-DE-1996`.
 */
export function normalizeLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const parts = tag.trim().replaceAll('_', '-').split('-');
  const lang = parts[0]!.toLowerCase();
  if (!/^[a-z]{2}$/.test(lang)) return undefined;
  const region = parts.slice(1).find((p) => /^[a-zA-Z]{2}$/.test(p));
  return region ? `${lang}-${region.toUpperCase()}` : lang;
}

const languageOf = (locale: string) => locale.split('-')[0]!;

/** The locales to look in, most specific first: fr-CA, fr, the survey's default (and its language), en. */
function lookupOrder(survey: Survey, locale: string): string[] {
  const order: string[] = [];
  const add = (l: string | undefined) => {
    if (l && !order.includes(l)) order.push(l);
  };
  const wanted = normalizeLocale(locale);
  const fallback = normalizeLocale(survey.defaultLocale);
  for (const l of [wanted, fallback]) {
    if (!l) continue;
    add(l);
    add(languageOf(l));
  }
  add('en');
  return order;
}

const fill = (text: string, brand: string) => text.replaceAll('{brand}', brand);

/** The brand customers see: the survey's brand name, else its own name. */
export const brandName = (survey: Survey) => survey.brand.name ?? survey.name;

/**
 * Every customer-facing text of a survey in a locale. For each text the first of: the survey's
 * own text in the locale, the built-in one in the locale, then the same for the locale's
 * language (fr-CA -> fr), the survey's default locale, and English. {brand} is replaced.
 */
export function textsFor(survey: Survey, locale: string): SurveyTexts {
  const order = lookupOrder(survey, locale);
  const brand = brandName(survey);
  const out = {} as SurveyTexts;
  for (const key of surveyTextKeys) {
    let text: string | undefined;
    for (const l of order) {
      text =
        survey.texts[l]?.[key] ??
        (isBuiltIn(l)
          ? ((byKind[l][survey.kind] as Partial<SurveyTexts>)[key] ?? common[l][key as keyof (typeof common)[typeof l]])
          : undefined);
      if (text !== undefined) break;
    }
    out[key] = fill(text!, brand);
  }
  return out;
}

/**
 * The locale to speak: the first candidate (most preferred first) that the survey has texts for
 * or that Kept ships, exactly (fr-CA) or by its language (fr-CA -> fr; fr -> a survey's fr-CA).
 * Otherwise the survey's default locale.
 */
export function chooseLocale(survey: Pick<Survey, 'texts' | 'defaultLocale'>, candidates: (string | null | undefined)[]): string {
  const own = Object.keys(survey.texts).filter((l) => Object.keys(survey.texts[l] ?? {}).length > 0);
  const known = (l: string) => own.includes(l) || isBuiltIn(l);
  for (const raw of candidates) {
    const c = normalizeLocale(raw);
    if (!c) continue;
    if (known(c)) return c;
    const lang = languageOf(c);
    if (known(lang)) return lang;
    const sameLanguage = own.find((l) => languageOf(l) === lang);
    if (sameLanguage) return sameLanguage;
  }
  return normalizeLocale(survey.defaultLocale) ?? 'en';
}

/** A built-in locale for pages that belong to no survey (unsubscribe, error pages). */
export function chooseBuiltInLocale(candidates: (string | null | undefined)[]): BuiltInLocale {
  for (const raw of candidates) {
    const c = normalizeLocale(raw);
    if (!c) continue;
    const lang = languageOf(c);
    if (isBuiltIn(lang)) return lang;
  }
  return 'en';
}

/** The languages of an Accept-Language header, most preferred first; `*` and q=0 are left out. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; i: number }[] = [];
  header
    .slice(0, 1000)
    .split(',')
    .slice(0, 30)
    .forEach((part, i) => {
      const [rawTag, ...params] = part.split(';');
      const tag = normalizeLocale(rawTag);
      if (!tag) return;
      let q = 1;
      for (const p of params) {
        if (!/^\s*q\s*=/i.test(p)) continue;
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
        q = m ? Number(m[1]) : -1; // a malformed weight drops the entry
      }
      if (q > 0 && q <= 1 && !entries.some((e) => e.tag === tag)) entries.push({ tag, q, i });
    });
  return entries.sort((a, b) => b.q - a.q || a.i - b.i).map((e) => e.tag);
}

/** A label given per locale (extra questions and their options) in the locale, or the best fallback. */
export function questionLabel(label: Record<string, string>, locale: string, fallback: string): string {
  const tried = [normalizeLocale(locale), normalizeLocale(fallback), 'en'].filter((l): l is string => !!l);
  for (const l of tried) {
    const lang = languageOf(l);
    const hit = label[l] ?? label[lang] ?? Object.entries(label).find(([k]) => languageOf(k) === lang)?.[1];
    if (hit !== undefined) return hit;
  }
  return Object.values(label)[0] ?? '';
}

/** Texts of Kept's own pages and mail around a survey, in the built-in locales. */
export interface UiTexts {
  greeting: string; // {name}
  greetingNoName: string;
  reminderSubject: string; // {subject}
  unsubscribeLink: string;
  whyThisMail: string; // {brand}
  answerHere: string;
  /** A colon as the language writes it (French puts a space before it). */
  colon: string;
  scaleHint: string; // {min} {max} {low} {high}
  pageTitle: string; // {brand}
  optional: string;
  alreadyAnswered: string;
  fixErrors: string;
  chooseScore: string; // {min} {max}
  checkAnswers: string;
  tooLong: string; // {max}
  thankYouTitle: string;
  changeAnswer: string;
  invalidLinkTitle: string;
  invalidLink: string;
  expiredTitle: string;
  expired: string;
  closedTitle: string;
  closed: string;
  rateLimitedTitle: string;
  rateLimited: string;
  refusedTitle: string;
  refused: string;
  errorTitle: string;
  error: string;
  unsubscribeTitle: string;
  unsubscribeQuestion: string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribed: string;
  formNotUnderstood: string;
  honeypotLabel: string;
}

const ui: Record<BuiltInLocale, UiTexts> = {
  en: {
    greeting: 'Hello {name},',
    greetingNoName: 'Hello,',
    reminderSubject: 'Reminder: {subject}',
    unsubscribeLink: 'Unsubscribe from these surveys',
    whyThisMail: 'You receive this e-mail because you are a customer of {brand}.',
    answerHere: 'Answer here:',
    colon: ':',
    scaleHint: '{min} = {low}, {max} = {high}',
    pageTitle: 'Your opinion of {brand}',
    optional: 'optional',
    alreadyAnswered: 'You have already answered. You can change your answer for 24 hours after you first sent it.',
    fixErrors: 'Your answer was not sent yet:',
    chooseScore: 'Choose a score from {min} to {max}.',
    checkAnswers: 'Check your answers to the other questions.',
    tooLong: 'Your text is too long: at most {max} characters.',
    thankYouTitle: 'Thank you',
    changeAnswer: 'Change my answer',
    invalidLinkTitle: 'This link does not work',
    invalidLink: 'This survey link is not valid. Check that it was copied whole, or open it again from the e-mail.',
    expiredTitle: 'This survey has ended',
    expired: 'This survey link has expired, so it no longer takes answers. Thank you for your time.',
    closedTitle: 'This survey is closed',
    closed: 'Your answer is saved and can no longer be changed. Thank you for it.',
    rateLimitedTitle: 'Too many attempts',
    rateLimited: 'There were too many requests from here. Wait a minute, then try again.',
    refusedTitle: 'Your answer was not accepted',
    refused: 'This answer looks as if it was sent automatically, so it was not saved.',
    errorTitle: 'Something went wrong',
    error: 'Something went wrong on our side. Please try again in a few minutes.',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeQuestion: 'Do you want to stop receiving survey e-mails from us? This is permanent.',
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTitle: 'You are unsubscribed',
    unsubscribed: 'You will receive no more survey e-mails from us.',
    formNotUnderstood: 'Use the button below to unsubscribe.',
    honeypotLabel: 'Leave this field empty',
  },
  fr: {
    greeting: 'Bonjour {name},',
    greetingNoName: 'Bonjour,',
    reminderSubject: `Rappel${nb}: {subject}`,
    unsubscribeLink: 'Se désabonner de ces enquêtes',
    whyThisMail: 'Vous recevez cet e-mail parce que vous êtes client de {brand}.',
    answerHere: `Répondre ici${nb}:`,
    colon: `${nb}:`,
    scaleHint: '{min} = {low}, {max} = {high}',
    pageTitle: 'Votre avis sur {brand}',
    optional: 'facultatif',
    alreadyAnswered: 'Vous avez déjà répondu. Vous pouvez modifier votre réponse pendant 24 heures après son premier envoi.',
    fixErrors: `Votre réponse n’a pas encore été envoyée${nb}:`,
    chooseScore: 'Choisissez une note de {min} à {max}.',
    checkAnswers: 'Vérifiez vos réponses aux autres questions.',
    tooLong: `Votre texte est trop long${nb}: {max} caractères au maximum.`,
    thankYouTitle: 'Merci',
    changeAnswer: 'Modifier ma réponse',
    invalidLinkTitle: 'Ce lien ne fonctionne pas',
    invalidLink: 'Ce lien d’enquête n’est pas valide. Vérifiez qu’il a été copié en entier, ou ouvrez-le à nouveau depuis l’e-mail.',
    expiredTitle: 'Cette enquête est terminée',
    expired: 'Ce lien d’enquête a expiré et n’accepte plus de réponses. Merci pour votre temps.',
    closedTitle: 'Cette enquête est close',
    closed: 'Votre réponse est enregistrée et ne peut plus être modifiée. Merci pour elle.',
    rateLimitedTitle: 'Trop de tentatives',
    rateLimited: 'Trop de requêtes ont été envoyées depuis cet endroit. Attendez une minute, puis réessayez.',
    refusedTitle: 'Votre réponse n’a pas été acceptée',
    refused: 'Cette réponse semble avoir été envoyée automatiquement, elle n’a donc pas été enregistrée.',
    errorTitle: 'Une erreur est survenue',
    error: 'Une erreur est survenue de notre côté. Veuillez réessayer dans quelques minutes.',
    unsubscribeTitle: 'Se désabonner',
    unsubscribeQuestion: `Voulez-vous ne plus recevoir nos e-mails d’enquête${nb}? Ce choix est définitif.`,
    unsubscribeButton: 'Me désabonner',
    unsubscribedTitle: 'Vous êtes désabonné',
    unsubscribed: 'Vous ne recevrez plus d’e-mails d’enquête de notre part.',
    formNotUnderstood: 'Utilisez le bouton ci-dessous pour vous désabonner.',
    honeypotLabel: 'Laissez ce champ vide',
  },
  de: {
    greeting: 'Hallo {name},',
    greetingNoName: 'Hallo,',
    reminderSubject: 'Erinnerung: {subject}',
    unsubscribeLink: 'Von diesen Umfragen abmelden',
    whyThisMail: 'Sie erhalten diese E-Mail, weil Sie Kunde von {brand} sind.',
    answerHere: 'Hier antworten:',
    colon: ':',
    scaleHint: '{min} = {low}, {max} = {high}',
    pageTitle: 'Ihre Meinung zu {brand}',
    optional: 'optional',
    alreadyAnswered: 'Sie haben bereits geantwortet. Sie können Ihre Antwort 24 Stunden lang nach dem ersten Absenden ändern.',
    fixErrors: 'Ihre Antwort wurde noch nicht gesendet:',
    chooseScore: 'Wählen Sie einen Wert von {min} bis {max}.',
    checkAnswers: 'Prüfen Sie Ihre Antworten auf die anderen Fragen.',
    tooLong: 'Ihr Text ist zu lang: höchstens {max} Zeichen.',
    thankYouTitle: 'Vielen Dank',
    changeAnswer: 'Meine Antwort ändern',
    invalidLinkTitle: 'Dieser Link funktioniert nicht',
    invalidLink: 'Dieser Umfragelink ist ungültig. Prüfen Sie, ob er vollständig kopiert wurde, oder öffnen Sie ihn erneut aus der E-Mail.',
    expiredTitle: 'Diese Umfrage ist beendet',
    expired: 'Dieser Umfragelink ist abgelaufen und nimmt keine Antworten mehr an. Vielen Dank für Ihre Zeit.',
    closedTitle: 'Diese Umfrage ist geschlossen',
    closed: 'Ihre Antwort ist gespeichert und kann nicht mehr geändert werden. Vielen Dank dafür.',
    rateLimitedTitle: 'Zu viele Versuche',
    rateLimited: 'Von hier kamen zu viele Anfragen. Warten Sie eine Minute und versuchen Sie es dann erneut.',
    refusedTitle: 'Ihre Antwort wurde nicht angenommen',
    refused: 'Diese Antwort sieht aus, als wäre sie automatisch gesendet worden, daher wurde sie nicht gespeichert.',
    errorTitle: 'Etwas ist schiefgelaufen',
    error: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es in ein paar Minuten erneut.',
    unsubscribeTitle: 'Abmelden',
    unsubscribeQuestion: 'Möchten Sie keine Umfrage-E-Mails mehr von uns erhalten? Das gilt dauerhaft.',
    unsubscribeButton: 'Abmelden',
    unsubscribedTitle: 'Sie sind abgemeldet',
    unsubscribed: 'Sie erhalten keine Umfrage-E-Mails mehr von uns.',
    formNotUnderstood: 'Verwenden Sie die Schaltfläche unten, um sich abzumelden.',
    honeypotLabel: 'Lassen Sie dieses Feld leer',
  },
};

/** Kept's page and mail texts in a locale (by its language; English when Kept has none). */
export function uiTexts(locale: string): UiTexts {
  const lang = languageOf(normalizeLocale(locale) ?? 'en');
  return isBuiltIn(lang) ? ui[lang] : ui.en;
}

/** `{name}`-style placeholders replaced by the values given (anything else is left as it is). */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
