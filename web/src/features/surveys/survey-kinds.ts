// What the app says about survey kinds and texts. The contract's runtime lists are repeated
// here so the bundle needs no zod; the type checks below fail if the contract gains a value.
import type { SurveyKind, SurveyTextKey } from '../../shared/types.ts';

type Exhaustive<Want, Have> = [Want] extends [Have] ? true : false;
const exhaustive = <T extends true>(t: T) => t;

export const surveyKindList = ['nps', 'csat', 'ces'] as const satisfies readonly SurveyKind[];
exhaustive<Exhaustive<SurveyKind, (typeof surveyKindList)[number]>>(true);

export const surveyTextKeyList = [
  'question',
  'lowLabel',
  'highLabel',
  'reasonQuestion',
  'submit',
  'thankYou',
  'emailSubject',
  'emailIntro',
  'dismiss',
] as const satisfies readonly SurveyTextKey[];
exhaustive<Exhaustive<SurveyTextKey, (typeof surveyTextKeyList)[number]>>(true);

/** Locales Kept ships texts for; a survey may add any other. */
export const builtInLocaleList = ['en', 'fr', 'de'] as const;

export const scaleOf: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

export const kindName: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

export const kindDescription: Record<SurveyKind, string> = {
  nps: 'Net Promoter Score: how likely to recommend, 0 to 10',
  csat: 'Customer satisfaction: how satisfied, 1 to 5',
  ces: 'Customer effort: how easy it was, 1 to 7',
};

export const textKeyLabel: Record<SurveyTextKey, { label: string; hint: string }> = {
  question: { label: 'Question', hint: 'The score question. {brand} is replaced by the brand name.' },
  lowLabel: { label: 'Low end label', hint: 'What the lowest score means, e.g. “Not at all likely”.' },
  highLabel: { label: 'High end label', hint: 'What the highest score means.' },
  reasonQuestion: { label: 'Reason question', hint: 'The open question after the score, when asked.' },
  submit: { label: 'Submit button', hint: '' },
  thankYou: { label: 'Thank-you text', hint: 'Shown after answering.' },
  emailSubject: { label: 'E-mail subject', hint: '' },
  emailIntro: { label: 'E-mail introduction', hint: 'The first paragraph of the invitation e-mail.' },
  dismiss: { label: 'Dismiss button', hint: 'The widget’s “not now”.' },
};

const localeNames = new Intl.DisplayNames(undefined, { type: 'language' });

/** `fr` → “French (fr)”, for a locale picker or heading. */
export function localeLabel(locale: string): string {
  try {
    return `${localeNames.of(locale) ?? locale} (${locale})`;
  } catch {
    return locale;
  }
}
