// Kept's own words around a survey, in the built-in locales: the answer page, the unsubscribe
// page, error pages and the survey mail's frame. A survey's own texts are in survey-texts.ts.
import { isBuiltIn, languageOf, normalizeLocale, type BuiltInLocale } from './survey-texts.ts';

// French typography puts a (non-breaking) space before ? and !.
const nb = '\u00a0';

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
  /** The answer page opened from a score in the mail: the score is taken; the rest is optional. */
  scoreNoted: string;
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
    scoreNoted: 'Thank you: your score is noted. You can change it, or add a comment and send it, below.',
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
    scoreNoted: 'Merci : votre note est enregistrée. Vous pouvez la modifier, ou ajouter un commentaire et l’envoyer, ci-dessous.',
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
    scoreNoted: 'Danke: Ihre Bewertung ist notiert. Sie können sie unten ändern oder einen Kommentar hinzufügen und absenden.',
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
