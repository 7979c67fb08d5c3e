// The survey editor's draft: what the form holds while someone types (strings, keys for React,
// ids that follow their label until edited), and the API body it becomes. Pure, so it is tested
// without a browser.
import type { Survey, SurveyInput, SurveyKind, SurveyQuestion, SurveyTextKey } from '../../shared/types.ts';

export type Labels = Record<string, string>;
export interface DraftOption {
  key: number;
  id: string;
  idEdited: boolean;
  label: Labels;
  /** For an acquisition question: this choice is a referral or recommendation. */
  earned: boolean;
}
export interface DraftQuestion {
  key: number;
  id: string;
  idEdited: boolean;
  type: SurveyQuestion['type'];
  label: Labels;
  options: DraftOption[];
}
export interface Draft {
  kind: SurveyKind;
  name: string;
  departmentId: string;
  askReason: boolean;
  samplePercent: string;
  defaultLocale: string;
  locales: string[];
  texts: Record<string, Partial<Record<SurveyTextKey, string>>>;
  brand: { name: string; colour: string; logoUrl: string };
  questions: DraftQuestion[];
}

let nextKey = 1;
const newKey = () => nextKey++;

export const newOption = (earned = false): DraftOption => ({ key: newKey(), id: '', idEdited: false, label: {}, earned });

/** A question with choices: single choice, or acquisition ("Why did you choose us?"). */
export const hasOptions = (type: SurveyQuestion['type']) => type !== 'open_text';

export const newQuestion = (type: SurveyQuestion['type']): DraftQuestion =>
  type === 'acquisition'
    ? {
        key: newKey(),
        id: 'acquisition',
        idEdited: true,
        type,
        label: { en: 'Why did you choose us?' },
        options: [
          { ...newOption(true), label: { en: 'A friend or colleague recommended you' } },
          { ...newOption(), label: { en: 'An advertisement' } },
          { ...newOption(), label: { en: 'A search online' } },
        ],
      }
    : hasOptions(type)
      ? { key: newKey(), id: '', idEdited: false, type, label: {}, options: [newOption(), newOption()] }
      : { key: newKey(), id: '', idEdited: false, type, label: {}, options: [] };

/** "Delivery speed" → "delivery_speed": a question or option id from its label. */
export const idFrom = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);

export function draftOf(survey: Survey | undefined): Draft {
  if (!survey) {
    return {
      kind: 'nps',
      name: '',
      departmentId: '',
      askReason: true,
      samplePercent: '100',
      defaultLocale: 'en',
      locales: ['en'],
      texts: {},
      brand: { name: '', colour: '', logoUrl: '' },
      questions: [],
    };
  }
  const labelLocales = survey.questions.flatMap((q) => [
    ...Object.keys(q.label),
    ...(q.type !== 'open_text' ? q.options.flatMap((o) => Object.keys(o.label)) : []),
  ]);
  return {
    kind: survey.kind,
    name: survey.name,
    departmentId: survey.departmentId ?? '',
    askReason: survey.askReason,
    samplePercent: String(survey.samplePercent),
    defaultLocale: survey.defaultLocale,
    locales: [...new Set([survey.defaultLocale, ...Object.keys(survey.texts), ...labelLocales])],
    texts: survey.texts as Draft['texts'],
    brand: { name: survey.brand.name ?? '', colour: survey.brand.colour ?? '', logoUrl: survey.brand.logoUrl ?? '' },
    questions: survey.questions.map((q) => ({
      key: newKey(),
      id: q.id,
      idEdited: true,
      type: q.type,
      label: { ...q.label },
      options:
        q.type === 'open_text'
          ? []
          : q.options.map((o) => ({
              key: newKey(),
              id: o.id,
              idEdited: true,
              label: { ...o.label },
              earned: 'earned' in o && o.earned,
            })),
    })),
  };
}

/** The draft's languages, its default first: the order in which a label names an id. */
export const localeOrder = (d: Pick<Draft, 'defaultLocale' | 'locales'>) => [
  d.defaultLocale,
  ...d.locales.filter((l) => l !== d.defaultLocale),
];

const firstLabel = (labels: Labels, locales: string[]) =>
  locales.map((l) => labels[l]?.trim()).find(Boolean) ?? Object.values(labels).find((v) => v.trim()) ?? '';

/** The id as the form shows it: the one typed, or else one made from the first label. */
export const shownId = (item: { id: string; idEdited: boolean; label: Labels }, locales: string[]) =>
  item.idEdited ? item.id : idFrom(firstLabel(item.label, locales));

function cleanLabels(labels: Labels, locales: string[]): Labels {
  const out: Labels = {};
  for (const l of locales) if (labels[l]?.trim()) out[l] = labels[l]!.trim();
  return out;
}

/** What the API takes, from what the form holds. A sampling share that is not a whole number is NaN. */
export function bodyOf(d: Draft): SurveyInput {
  const order = localeOrder(d);
  const texts: SurveyInput['texts'] = {};
  for (const l of d.locales) {
    const own = Object.fromEntries(
      Object.entries(d.texts[l] ?? {})
        .map(([k, v]) => [k, (v ?? '').trim()])
        .filter(([, v]) => v),
    );
    if (Object.keys(own).length) texts[l] = own;
  }
  const brand: SurveyInput['brand'] = {};
  if (d.brand.name.trim()) brand.name = d.brand.name.trim();
  if (d.brand.colour.trim()) brand.colour = d.brand.colour.trim();
  if (d.brand.logoUrl.trim()) brand.logoUrl = d.brand.logoUrl.trim();
  return {
    kind: d.kind,
    name: d.name.trim(),
    departmentId: d.departmentId || null,
    askReason: d.askReason,
    samplePercent: /^\d+$/.test(d.samplePercent.trim()) ? Number(d.samplePercent) : NaN,
    defaultLocale: d.defaultLocale,
    texts,
    brand,
    questions: d.questions.map((q): SurveyQuestion => {
      const base = { id: shownId(q, order), label: cleanLabels(q.label, d.locales) };
      const options = q.options.map((o) => ({ id: shownId(o, order), label: cleanLabels(o.label, d.locales) }));
      if (q.type === 'open_text') return { ...base, type: 'open_text' };
      if (q.type === 'acquisition')
        return { ...base, type: 'acquisition', options: options.map((o, i) => ({ ...o, earned: q.options[i]!.earned })) };
      return { ...base, type: 'single_choice', options };
    }),
  };
}

/** "pt_br" → "pt-BR", "FR" → "fr": a language tag as people type it, in the contract's shape. */
export function normaliseLocaleTag(value: string): string {
  const l = value.trim().replace('_', '-');
  return l.includes('-') ? `${l.split('-')[0]!.toLowerCase()}-${l.split('-')[1]!.toUpperCase()}` : l.toLowerCase();
}
