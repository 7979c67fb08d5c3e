// What the customers behind a rule's friction read when a review asks for their input, in their
// language (en/fr/de): the default question, the mail (quoting what they said, and when), and the
// answer page's words.
import { formatDay, trimAtWord, type CustomerWhere } from '../core/customer-text.ts';
import { frameMail, type MailBrand } from '../one-voice/mail-frame.ts';
import type { NoticeLocale } from './improvement-texts.ts';

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** The question offered to staff, naming the rule as customers met it. */
export function defaultQuestions(rule: string): Record<NoticeLocale, string> {
  return {
    en: `If you could change our “${rule}” rule, what would you change, and why?`,
    fr: `Si vous pouviez changer notre règle « ${rule} », que changeriez-vous, et pourquoi ?`,
    de: `Wenn Sie unsere Regel „${rule}“ ändern könnten: Was würden Sie ändern, und warum?`,
  };
}

/** The customer's question: theirs, else English, else the first written. */
export function questionFor(texts: Record<string, string>, locale: NoticeLocale): string {
  return texts[locale] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

const mailTexts: Record<NoticeLocale, Record<string, string>> = {
  en: {
    subject: 'One question about “{rule}”',
    hello: 'Hello {name},',
    said: 'On {day} you told us: “{words}”',
    saidNothing: 'On {day} you contacted us about this.',
    why: 'We are reviewing the rule behind it, “{rule}”, and we would like your input before we decide.',
    ask: 'One question: {question}',
    until: 'It takes a minute. You can answer until {until}; the people deciding read every answer.',
    button: 'Answer the question',
    someone: 'there',
  },
  fr: {
    subject: 'Une question sur « {rule} »',
    hello: 'Bonjour {name},',
    said: 'Le {day}, vous nous avez écrit : « {words} »',
    saidNothing: 'Le {day}, vous nous avez contactés à ce sujet.',
    why: 'Nous revoyons la règle en cause, « {rule} », et votre avis nous intéresse avant de décider.',
    ask: 'Une seule question : {question}',
    until: 'Cela prend une minute. Vous pouvez répondre jusqu’au {until} ; les personnes qui décident lisent chaque réponse.',
    button: 'Répondre à la question',
    someone: '',
  },
  de: {
    subject: 'Eine Frage zu „{rule}“',
    hello: 'Hallo {name},',
    said: 'Am {day} haben Sie uns geschrieben: „{words}“',
    saidNothing: 'Am {day} haben Sie sich deswegen an uns gewandt.',
    why: 'Wir überprüfen die Regel dahinter, „{rule}“, und möchten Ihre Meinung hören, bevor wir entscheiden.',
    ask: 'Eine Frage: {question}',
    until: 'Es dauert eine Minute. Sie können bis zum {until} antworten; wer entscheidet, liest jede Antwort.',
    button: 'Frage beantworten',
    someone: '',
  },
};

export function composeQuestionMail(o: {
  locale: NoticeLocale;
  where: CustomerWhere;
  rule: string;
  question: string;
  words: string | null;
  saidAt: Date;
  expiresAt: Date;
  name: string | null;
  url: string;
  brand: MailBrand;
}) {
  const t = mailTexts[o.locale];
  const v = {
    rule: o.rule,
    name: o.name ?? t.someone!,
    words: o.words ? trimAtWord(o.words, 300) : '',
    day: formatDay(o.saidAt, o.where),
    until: formatDay(o.expiresAt, o.where),
    question: o.question,
  };
  const lines = [
    fill(t.hello!, v).replace(' ,', ','),
    fill(o.words ? t.said! : t.saidNothing!, v),
    fill(t.why!, v),
    fill(t.ask!, v),
    fill(t.until!, v),
  ];
  return frameMail({
    brand: o.brand,
    locale: o.locale,
    subject: fill(t.subject!, v),
    body: lines.join('\n\n'),
    links: [{ label: t.button!, url: o.url }],
  });
}

export interface QuestionPageTexts {
  title: string;
  said: string;
  label: string;
  hint: string;
  send: string;
  thanks: string;
  thanksMessage: string;
  answered: string;
  empty: string;
  tooLong: string;
  closedTitle: string;
  closed: string;
  expiredTitle: string;
  expired: string;
}

export const questionPageTexts: Record<NoticeLocale, QuestionPageTexts> = {
  en: {
    title: 'One question about “{rule}”',
    said: 'You told us: “{words}”',
    label: 'Your answer',
    hint: 'At most {max} characters.',
    send: 'Send my answer',
    thanks: 'Thank you',
    thanksMessage: 'Your answer is with the people reviewing “{rule}”. You can change it here until {until}.',
    answered: 'You answered on {day}. Sending again replaces your answer.',
    empty: 'Write your answer first.',
    tooLong: 'Your answer is too long: at most {max} characters.',
    closedTitle: 'The review has ended',
    closed: 'The review of “{rule}” has ended, so it no longer takes answers. Thank you for your time.',
    expiredTitle: 'This question has closed',
    expired: 'This question took answers until {until}. Thank you for your time.',
  },
  fr: {
    title: 'Une question sur « {rule} »',
    said: 'Vous nous avez écrit : « {words} »',
    label: 'Votre réponse',
    hint: '{max} caractères au plus.',
    send: 'Envoyer ma réponse',
    thanks: 'Merci',
    thanksMessage: 'Votre réponse est entre les mains des personnes qui revoient « {rule} ». Vous pouvez la modifier ici jusqu’au {until}.',
    answered: 'Vous avez répondu le {day}. Un nouvel envoi remplace votre réponse.',
    empty: 'Écrivez d’abord votre réponse.',
    tooLong: 'Votre réponse est trop longue : {max} caractères au plus.',
    closedTitle: 'La révision est terminée',
    closed: 'La révision de « {rule} » est terminée : elle ne reçoit plus de réponses. Merci de votre temps.',
    expiredTitle: 'Cette question est close',
    expired: 'Cette question recevait des réponses jusqu’au {until}. Merci de votre temps.',
  },
  de: {
    title: 'Eine Frage zu „{rule}“',
    said: 'Sie haben uns geschrieben: „{words}“',
    label: 'Ihre Antwort',
    hint: 'Höchstens {max} Zeichen.',
    send: 'Antwort senden',
    thanks: 'Danke',
    thanksMessage: 'Ihre Antwort liegt bei den Personen, die „{rule}“ überprüfen. Sie können sie hier bis zum {until} ändern.',
    answered: 'Sie haben am {day} geantwortet. Erneutes Senden ersetzt Ihre Antwort.',
    empty: 'Schreiben Sie zuerst Ihre Antwort.',
    tooLong: 'Ihre Antwort ist zu lang: höchstens {max} Zeichen.',
    closedTitle: 'Die Überprüfung ist beendet',
    closed: 'Die Überprüfung von „{rule}“ ist beendet und nimmt keine Antworten mehr an. Danke für Ihre Zeit.',
    expiredTitle: 'Diese Frage ist geschlossen',
    expired: 'Diese Frage nahm Antworten bis zum {until} an. Danke für Ihre Zeit.',
  },
};

export const fillText = fill;
