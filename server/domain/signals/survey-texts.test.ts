import { describe, expect, it } from 'vitest';
import { builtInLocales, surveyKinds, surveyTextKeys, type Survey } from '../../../contract/surveys.ts';
import {
  builtInTexts,
  chooseBuiltInLocale,
  chooseLocale,
  normalizeLocale,
  parseAcceptLanguage,
  questionLabel,
  textsFor,
} from './survey-texts.ts';
import { format, uiTexts } from './ui-texts.ts';

function survey(over: Partial<Survey> = {}): Survey {
  return {
    id: '0190a000-0000-7000-8000-000000000001',
    kind: 'nps',
    name: 'Delivery survey',
    departmentId: null,
    askReason: true,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: { name: 'Acme' },
    samplePercent: 100,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archivedAt: null,
    ...over,
  };
}

describe('built-in texts', () => {
  it('has every key for every kind in every built-in locale, none empty', () => {
    for (const locale of builtInLocales) {
      for (const kind of surveyKinds) {
        const t = builtInTexts(kind, locale);
        for (const key of surveyTextKeys) expect(t[key], `${locale} ${kind} ${key}`).toMatch(/\S/);
      }
    }
  });

  it('uses the standard wording and anchor labels of each kind in English', () => {
    expect(builtInTexts('nps', 'en')).toMatchObject({
      question: 'How likely are you to recommend {brand} to a friend or colleague?',
      lowLabel: 'Not at all likely',
      highLabel: 'Extremely likely',
      reasonQuestion: 'What is the main reason for your score?',
    });
    expect(builtInTexts('csat', 'en')).toMatchObject({
      question: 'How satisfied are you with {brand}?',
      lowLabel: 'Very dissatisfied',
      highLabel: 'Very satisfied',
    });
    expect(builtInTexts('ces', 'en')).toMatchObject({
      question: '{brand} made it easy for me to handle my request.',
      lowLabel: 'Strongly disagree',
      highLabel: 'Strongly agree',
    });
  });

  it('never names the bands of a scale', () => {
    const all = builtInLocales.flatMap((l) => surveyKinds.flatMap((k) => Object.values(builtInTexts(k, l))));
    all.push(...builtInLocales.flatMap((l) => Object.values(uiTexts(l))));
    for (const text of all) {
      expect(text).not.toMatch(/promot|detract|passi|promoteur|détracteur|förderer|kritiker|\d+\s*-\s*\d+\s*=/i);
    }
  });

  it('differs between the languages (a text left untranslated would show up here)', () => {
    for (const kind of surveyKinds) {
      const en = builtInTexts(kind, 'en');
      for (const l of ['fr', 'de'] as const) {
        const t = builtInTexts(kind, l);
        for (const key of surveyTextKeys) expect(t[key], `${l} ${kind} ${key}`).not.toBe(en[key]);
      }
    }
  });
});

describe('textsFor', () => {
  it('fills in the brand name, or the survey name when there is no brand', () => {
    expect(textsFor(survey(), 'en').question).toBe('How likely are you to recommend Acme to a friend or colleague?');
    expect(textsFor(survey({ brand: {} }), 'en').question).toBe(
      'How likely are you to recommend Delivery survey to a friend or colleague?',
    );
    expect(textsFor(survey({ kind: 'ces' }), 'de').question).toBe('Acme hat es mir leicht gemacht, mein Anliegen zu erledigen.');
  });

  it("lets the survey's own texts override the built-in ones per locale, brand filled in there too", () => {
    const s = survey({ texts: { fr: { thankYou: 'Merci beaucoup, {brand} !' }, en: { submit: 'Go' } } });
    const fr = textsFor(s, 'fr');
    expect(fr.thankYou).toBe('Merci beaucoup, Acme !');
    expect(fr.submit).toBe('Envoyer'); // not overridden in fr: the French built-in, not the English override
    expect(textsFor(s, 'en').submit).toBe('Go');
  });

  it('tries the language of a regional locale: fr-CA speaks French', () => {
    expect(textsFor(survey(), 'fr-CA').submit).toBe('Envoyer');
    const s = survey({ texts: { 'fr-CA': { submit: 'Soumettre' } } });
    expect(textsFor(s, 'fr-CA').submit).toBe('Soumettre');
    expect(textsFor(s, 'fr-CA').dismiss).toBe('Pas maintenant');
    expect(textsFor(s, 'fr').submit).toBe('Envoyer');
  });

  it("falls back to the survey's default locale, then English", () => {
    expect(textsFor(survey({ defaultLocale: 'de' }), 'ja').submit).toBe('Senden');
    expect(textsFor(survey({ defaultLocale: 'it' }), 'ja').submit).toBe('Send');
    const s = survey({ defaultLocale: 'pt', texts: { pt: { question: 'Recomendaria {brand}?' } } });
    expect(textsFor(s, 'ja').question).toBe('Recomendaria Acme?');
    expect(textsFor(s, 'ja').submit).toBe('Send'); // no Portuguese text for it anywhere
  });

  it('survives a malformed locale', () => {
    expect(textsFor(survey(), '').submit).toBe('Send');
    expect(textsFor(survey(), '../../etc').submit).toBe('Send');
  });
});

describe('chooseLocale', () => {
  it('takes the first candidate that is built in or that the survey has texts for', () => {
    expect(chooseLocale(survey(), [null, undefined, 'de', 'fr'])).toBe('de');
    expect(chooseLocale(survey(), ['ja', 'fr'])).toBe('fr');
    expect(chooseLocale(survey({ texts: { it: { submit: 'Invia' } } }), ['it', 'fr'])).toBe('it');
  });

  it('matches by language both ways', () => {
    expect(chooseLocale(survey(), ['fr-CA'])).toBe('fr');
    expect(chooseLocale(survey({ texts: { 'pt-BR': { submit: 'Enviar' } } }), ['pt', 'de'])).toBe('pt-BR');
    expect(chooseLocale(survey({ texts: { 'fr-CA': { submit: 'Soumettre' } } }), ['fr-CA'])).toBe('fr-CA');
  });

  it("normalises what customers' records and browsers carry", () => {
    expect(chooseLocale(survey(), ['DE_at'])).toBe('de');
    expect(chooseLocale(survey(), ['zh-Hant-TW', 'FR'])).toBe('fr');
  });

  it("answers the survey's default locale when nothing matches", () => {
    expect(chooseLocale(survey({ defaultLocale: 'de' }), ['ja', 'ko', null])).toBe('de');
    expect(chooseLocale(survey(), [])).toBe('en');
  });

  it('ignores a survey locale that has no texts at all', () => {
    expect(chooseLocale(survey({ texts: { it: {} } }), ['it', 'de'])).toBe('de');
  });
});

describe('parseAcceptLanguage', () => {
  it('orders by q, keeping the header order between equals, without * and q=0', () => {
    expect(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de']);
    expect(parseAcceptLanguage('de;q=0.5, en-us, ja;q=0')).toEqual(['en-US', 'de']);
    expect(parseAcceptLanguage('en;q=0.5,fr;q=0.5,de')).toEqual(['de', 'en', 'fr']);
  });

  it('survives nonsense', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(';;;,,,q=1')).toEqual([]);
    expect(parseAcceptLanguage('fr;q=abc, de;q=2, it;level=1')).toEqual(['it']); // a malformed weight drops its entry
    expect(parseAcceptLanguage('x'.repeat(100_000))).toEqual([]);
  });
});

describe('normalizeLocale', () => {
  it('gives the stored form or nothing', () => {
    expect(normalizeLocale('pt_br')).toBe('pt-BR');
    expect(normalizeLocale(' EN ')).toBe('en');
    expect(normalizeLocale('de-DE-1996')).toBe('de-DE');
    expect(normalizeLocale('english')).toBeUndefined();
    expect(normalizeLocale('')).toBeUndefined();
    expect(normalizeLocale(null)).toBeUndefined();
  });
});

describe('questionLabel', () => {
  const label = { en: 'Delivery speed', fr: 'Rapidité de livraison', 'pt-BR': 'Velocidade' };
  it('picks the locale, its language, a regional variant, the fallback, English, then anything', () => {
    expect(questionLabel(label, 'fr', 'en')).toBe('Rapidité de livraison');
    expect(questionLabel(label, 'fr-CA', 'en')).toBe('Rapidité de livraison');
    expect(questionLabel(label, 'pt', 'en')).toBe('Velocidade');
    expect(questionLabel(label, 'de', 'fr')).toBe('Rapidité de livraison');
    expect(questionLabel(label, 'de', 'it')).toBe('Delivery speed');
    expect(questionLabel({ it: 'Velocità' }, 'de', 'fr')).toBe('Velocità');
  });
});

describe('page texts', () => {
  it('has every page text in every built-in locale, and English for the rest', () => {
    const keys = Object.keys(uiTexts('en'));
    for (const l of builtInLocales) expect(Object.keys(uiTexts(l)).sort()).toEqual([...keys].sort());
    expect(uiTexts('de-AT').unsubscribeButton).toBe('Abmelden');
    expect(uiTexts('ja')).toBe(uiTexts('en'));
    expect(chooseBuiltInLocale(['ja', 'fr-BE'])).toBe('fr');
    expect(chooseBuiltInLocale([])).toBe('en');
  });

  it('formats placeholders and leaves unknown ones alone', () => {
    expect(format('{min} to {max} {x}', { min: 0, max: 10 })).toBe('0 to 10 {x}');
  });
});
