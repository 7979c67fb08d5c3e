import { describe, expect, it } from 'vitest';
import { surveyInputSchema } from '../../../../contract/surveys.ts';
import { bodyOf, draftOf, newOption, newQuestion, type Draft } from './survey-draft.ts';
import { isColour, isLocale, maxOptions, maxQuestions, pathLabel, problemsOf, summaryOf } from './survey-problems.ts';

function draft(change: Partial<Draft> = {}): Draft {
  return { ...draftOf(undefined), name: 'Delivery CSAT', ...change };
}
function choice(label: string, ...options: string[]) {
  const q = newQuestion('single_choice');
  q.label = { en: label };
  q.options = options.map((o) => ({ ...newOption(), label: { en: o } }));
  return q;
}

describe('survey problems', () => {
  it('finds none in a complete survey', () => {
    expect(problemsOf(draft({ questions: [choice('Speed', 'Fast', 'Slow')] }))).toEqual({});
  });

  it('words the contract’s problems as the form does, at the API’s paths', () => {
    const q = choice('', 'Only');
    const p = problemsOf(
      draft({ name: '  ', samplePercent: '0', brand: { name: '', colour: 'blue', logoUrl: 'ftp://x' }, questions: [q] }),
    );
    expect(p).toEqual({
      name: 'Enter a name, e.g. Delivery CSAT',
      samplePercent: 'Enter a whole number from 1 to 100',
      'brand.colour': 'Enter a colour like #1f77b4',
      'brand.logoUrl': 'Enter a web address starting with https://',
      'questions.0.id': 'Use a lowercase key that starts with a letter, e.g. delivery_speed',
      'questions.0.label': 'Write the question in at least one language',
      'questions.0.options': 'Give at least two options',
    });
    expect(Object.keys(p)).toEqual([
      'name',
      'samplePercent',
      'brand.colour',
      'brand.logoUrl',
      'questions.0.id',
      'questions.0.label',
      'questions.0.options',
    ]);
  });

  it('says which question or option has the same key', () => {
    const p = problemsOf(draft({ questions: [choice('Speed', 'Fast', 'Fast', ''), choice('Speed', 'A', 'B')] }));
    expect(p['questions.0.options.1.id']).toBe('Option 1 has the same key');
    expect(p['questions.0.options.2.id']).toBe('Use a lowercase key that starts with a letter, e.g. too_slow');
    expect(p['questions.0.options.2.label']).toBe('Write the option in at least one language');
    expect(p['questions.1.id']).toBe('Question 1 has the same key');
    expect(p.questions).toBeUndefined();
  });

  it('keeps the editor’s limits to the contract’s', () => {
    const body = bodyOf(draft());
    const questions = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `q${i}`, type: 'open_text', label: { en: 'Q' } }));
    expect(surveyInputSchema.safeParse({ ...body, questions: questions(maxQuestions) }).success).toBe(true);
    expect(surveyInputSchema.safeParse({ ...body, questions: questions(maxQuestions + 1) }).success).toBe(false);
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: { en: 'O' } }));
    const withOptions = (n: number) => ({
      ...body,
      questions: [{ id: 'q', type: 'single_choice', label: { en: 'Q' }, options: options(n) }],
    });
    expect(surveyInputSchema.safeParse(withOptions(maxOptions)).success).toBe(true);
    expect(surveyInputSchema.safeParse(withOptions(maxOptions + 1)).success).toBe(false);
  });

  it('knows language tags and colours as the contract does', () => {
    expect(['en', 'pt-BR'].map(isLocale)).toEqual([true, true]);
    expect(['EN', 'pt-br', 'english'].map(isLocale)).toEqual([false, false, false]);
    expect(isColour('#1F77b4')).toBe(true);
    expect(isColour('#1f77b')).toBe(false);
  });

  it('names a path in the form’s words', () => {
    expect(pathLabel('questions.0.options.1.label.fr')).toBe('Extra questions › Question 1 › Options › Option 2 › Label › French (fr)');
    expect(pathLabel('brand.colour')).toBe('Branding › Colour');
  });

  it('summarises the most specific problems only', () => {
    expect(summaryOf({ brand: 'x', 'brand.colour': 'y', name: 'z' })).toEqual([
      ['brand.colour', 'y'],
      ['name', 'z'],
    ]);
  });
});
