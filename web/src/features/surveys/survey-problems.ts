// The survey editor's checks: the contract's own schema (contract/surveys.ts) judges the body the
// form would send, and each problem gets the form's words, at the path the API uses for it. Only
// what the contract cannot say where (which question has the same key) is checked here.
import { localeSchema, surveyInputSchema, surveyPatchSchema } from '../../../../contract/surveys.ts';
import type { SurveyTextKey } from '../../shared/types.ts';
import { bodyOf, type Draft } from './survey-draft.ts';
import { localeLabel, textKeyLabel } from './survey-kinds.ts';

/** The contract's limits, for hiding the "add" buttons; survey-problems.test.ts holds them to it. */
export const maxQuestions = 10;
export const maxOptions = 12;

export const isLocale = (tag: string) => localeSchema.safeParse(tag).success;
export const isColour = (colour: string) => surveyPatchSchema.shape.brand.safeParse({ colour }).success;

/** The form's words for a problem at a path, whatever rule of the contract it broke. */
const wording: [RegExp, string][] = [
  [/^name$/, 'Enter a name, e.g. Delivery CSAT'],
  [/^samplePercent$/, 'Enter a whole number from 1 to 100'],
  [/^brand\.colour$/, 'Enter a colour like #1f77b4'],
  [/^brand\.logoUrl$/, 'Enter a web address starting with https://'],
  [/^questions\.\d+\.id$/, 'Use a lowercase key that starts with a letter, e.g. delivery_speed'],
  [/^questions\.\d+\.label$/, 'Write the question in at least one language'],
  [/^questions\.\d+\.options$/, 'Give at least two options'],
  [/^questions\.\d+\.options\.\d+\.id$/, 'Use a lowercase key that starts with a letter, e.g. too_slow'],
  [/^questions\.\d+\.options\.\d+\.label$/, 'Write the option in at least one language'],
];

/** Problems are listed in the form's order: fields as below, then question by question, key, label, options. */
const fieldOrder = ['kind', 'name', 'departmentId', 'askReason', 'samplePercent', 'defaultLocale', 'texts', 'brand', 'questions'];
const partOrder = ['id', 'label', 'options'];
function sortKey(path: string): number[] {
  return path.split('.').map((part, i) => {
    if (i === 0) return fieldOrder.includes(part) ? fieldOrder.indexOf(part) : fieldOrder.length;
    if (/^\d+$/.test(part)) return Number(part);
    return partOrder.includes(part) ? partOrder.indexOf(part) : partOrder.length;
  });
}
function byFormOrder(a: string, b: string): number {
  const [x, y] = [sortKey(a), sortKey(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The form's own checks, with the same paths the API uses for its problems. */
export function problemsOf(d: Draft): Record<string, string> {
  const body = bodyOf(d);
  const p = new Map<string, string>();
  const parsed = surveyInputSchema.safeParse(body);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const path = issue.path.join('.');
    // "question ids must be unique" names no question: the check below names the very one.
    if (path === 'questions' && issue.code === 'custom') continue;
    if (!p.has(path)) p.set(path, wording.find(([pattern]) => pattern.test(path))?.[1] ?? issue.message);
  }
  const keyOnce = (ids: Map<string, number>, id: string, index: number, at: string, name: string) => {
    if (p.has(at)) return;
    if (ids.has(id)) p.set(at, `${name} ${ids.get(id)! + 1} has the same key`);
    else ids.set(id, index);
  };
  const questionIds = new Map<string, number>();
  body.questions.forEach((q, i) => {
    keyOnce(questionIds, q.id, i, `questions.${i}.id`, 'Question');
    if (q.type === 'open_text') return;
    const optionIds = new Map<string, number>();
    q.options.forEach((o, j) => keyOnce(optionIds, o.id, j, `questions.${i}.options.${j}.id`, 'Option'));
  });
  return Object.fromEntries([...p].sort(([a], [b]) => byFormOrder(a, b)));
}

const segmentName: Record<string, string> = {
  name: 'Name',
  departmentId: 'Department',
  askReason: 'Reason question',
  samplePercent: 'Sampling',
  defaultLocale: 'Default language',
  brand: 'Branding',
  colour: 'Colour',
  logoUrl: 'Logo URL',
  questions: 'Extra questions',
  options: 'Options',
  label: 'Label',
  id: 'Key',
  texts: 'Texts',
  kind: 'Kind',
};

/** `questions.0.options.1.label.fr` → "Extra questions › Question 1 › Options › Option 2 › Label › French (fr)". */
export function pathLabel(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  parts.forEach((part, i) => {
    const before = parts[i - 1];
    if (/^\d+$/.test(part)) out.push(before === 'options' ? `Option ${Number(part) + 1}` : `Question ${Number(part) + 1}`);
    else if ((before === 'texts' || before === 'label') && isLocale(part)) out.push(localeLabel(part));
    else if (parts[i - 2] === 'texts' && part in textKeyLabel) out.push(textKeyLabel[part as SurveyTextKey].label);
    else out.push(segmentName[part] ?? part);
  });
  return out.join(' › ');
}

/** The most specific problems only: `brand.colour` rather than also `brand`. */
export const summaryOf = (errors: Record<string, string>) =>
  Object.entries(errors).filter(([key]) => !Object.keys(errors).some((other) => other.startsWith(`${key}.`)));
