import { describe, expect, it } from 'vitest';
import type { Survey } from '../../shared/types.ts';
import { bodyOf, draftOf, idFrom, localeOrder, newQuestion, normaliseLocaleTag, shownId } from './survey-draft.ts';

const survey: Survey = {
  id: '0190a5b2-0000-7000-8000-000000000001',
  kind: 'csat',
  name: 'Delivery CSAT',
  departmentId: null,
  askReason: false,
  questions: [
    {
      id: 'speed',
      type: 'single_choice',
      label: { en: 'How fast?', de: 'Wie schnell?' },
      options: [
        { id: 'fast', label: { en: 'Fast' } },
        { id: 'slow', label: { fr: 'Lent' } },
      ],
    },
  ],
  texts: { fr: { thankYou: 'Merci !' } },
  defaultLocale: 'en',
  brand: { colour: '#1f77b4' },
  samplePercent: 40,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  archivedAt: null,
};

describe('survey draft', () => {
  it('makes an id from a label', () => {
    expect(idFrom('Delivery speed')).toBe('delivery_speed');
    expect(idFrom('  2 Fast, too furious! ')).toBe('fast_too_furious');
    expect(idFrom('x'.repeat(60))).toHaveLength(40);
  });

  it('starts a new survey as an NPS survey in English, sent to everyone', () => {
    const d = draftOf(undefined);
    expect(d).toMatchObject({ kind: 'nps', samplePercent: '100', defaultLocale: 'en', locales: ['en'], questions: [] });
  });

  it('holds every language a survey uses, its default first', () => {
    const d = draftOf(survey);
    expect(d.locales).toEqual(['en', 'fr', 'de']);
    expect(d.samplePercent).toBe('40');
    expect(d.brand).toEqual({ name: '', colour: '#1f77b4', logoUrl: '' });
    expect(localeOrder({ defaultLocale: 'fr', locales: ['en', 'fr', 'de'] })).toEqual(['fr', 'en', 'de']);
  });

  it('gives back the body it was made from', () => {
    const { id: _id, createdAt: _c, updatedAt: _u, archivedAt: _a, ...input } = survey;
    expect(bodyOf(draftOf(survey))).toEqual(input);
  });

  it('trims, drops empty texts and labels, and names ids after the first label until edited', () => {
    const d = draftOf(undefined);
    const q = newQuestion('open_text');
    q.label = { en: '  ', fr: ' Pourquoi ? ' };
    d.questions = [q];
    d.name = '  Support NPS ';
    d.texts = { en: { submit: '  ', thankYou: ' Thanks ' } };
    d.departmentId = '';
    const body = bodyOf({ ...d, locales: ['en', 'fr'] });
    expect(body.name).toBe('Support NPS');
    expect(body.texts).toEqual({ en: { thankYou: 'Thanks' } });
    expect(body.departmentId).toBeNull();
    expect(body.questions).toEqual([{ id: 'pourquoi', type: 'open_text', label: { fr: 'Pourquoi ?' } }]);
    expect(shownId({ id: 'mine', idEdited: true, label: { en: 'Other' } }, ['en'])).toBe('mine');
  });

  it('turns a sampling share that is not a whole number into NaN', () => {
    for (const typed of ['', '1.5', 'abc', '1e2']) expect(bodyOf({ ...draftOf(undefined), samplePercent: typed }).samplePercent).toBeNaN();
    expect(bodyOf({ ...draftOf(undefined), samplePercent: ' 7 ' }).samplePercent).toBe(7);
  });

  it('gives a new single-choice question two empty options', () => {
    expect(newQuestion('single_choice').options).toHaveLength(2);
    expect(newQuestion('open_text').options).toEqual([]);
  });

  it('keeps which choices of an acquisition question are earned, there and back', () => {
    const d = draftOf(undefined);
    d.questions = [newQuestion('acquisition')];
    const body = bodyOf(d);
    expect(body.questions[0]).toMatchObject({ id: 'acquisition', type: 'acquisition' });
    const q = body.questions[0]!;
    if (q.type !== 'acquisition') throw new Error('not an acquisition question');
    expect(q.options.map((o) => o.earned)).toEqual([true, false, false]);
    expect(q.options[0]!.id).toBe('a_friend_or_colleague_recommended_you');
    expect(bodyOf(draftOf({ ...survey, questions: body.questions })).questions).toEqual(body.questions);
  });

  it('writes language tags in the contract’s shape', () => {
    expect(normaliseLocaleTag(' FR ')).toBe('fr');
    expect(normaliseLocaleTag('pt_br')).toBe('pt-BR');
  });
});
