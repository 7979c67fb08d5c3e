import { describe, expect, it } from 'vitest';
import type { Survey } from '../../../contract/surveys.ts';
import { brandColours, composeSurveyMail, defaultBrandColour, scoreUrl } from './mails.ts';
import { textsFor } from '../signals/survey-texts.ts';

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

const compose = (s: Survey, over: Partial<Parameters<typeof composeSurveyMail>[0]> = {}) =>
  composeSurveyMail({
    survey: s,
    texts: textsFor(s, over.locale ?? 'en'),
    locale: 'en',
    customerName: 'Ann',
    answerUrl: 'https://kept.test/s/TOK',
    unsubscribeUrl: 'https://kept.test/u/UNS',
    reminder: false,
    ...over,
  });

describe('composeSurveyMail', () => {
  it('carries List-Unsubscribe and RFC 8058 one-click headers', () => {
    expect(compose(survey()).headers).toEqual({
      'List-Unsubscribe': '<https://kept.test/u/UNS>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('links every score of the scale to the answer page, and nothing outside it', () => {
    for (const [kind, min, max] of [
      ['nps', 0, 10],
      ['csat', 1, 5],
      ['ces', 1, 7],
    ] as const) {
      const m = compose(survey({ kind }));
      const linked = [...m.html.matchAll(/href="https:\/\/kept\.test\/s\/TOK\?score=(\d+)"/g)].map((x) => Number(x[1]));
      expect(linked).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
    }
  });

  it('shows the question, the two ends of the scale, and a visible unsubscribe link in both parts', () => {
    const m = compose(survey({ kind: 'csat' }));
    expect(m.subject).toBe('A quick question from Acme');
    expect(m.html).toContain('<html lang="en">');
    expect(m.html).toContain('How satisfied are you with Acme?');
    expect(m.html).toContain('1: Very dissatisfied');
    expect(m.html).toContain('5: Very satisfied');
    expect(m.html).toContain('<a href="https://kept.test/u/UNS"');
    expect(m.html).toContain('Unsubscribe from these surveys');
    expect(m.html).not.toMatch(/<script/i);
    expect(m.text).toContain('Hello Ann,');
    expect(m.text).toContain('How satisfied are you with Acme?');
    expect(m.text).toContain('1 = Very dissatisfied, 5 = Very satisfied');
    expect(m.text).toContain('https://kept.test/s/TOK');
    expect(m.text).toContain('Unsubscribe from these surveys: https://kept.test/u/UNS');
  });

  it('escapes whatever customers and staff typed', () => {
    const s = survey({ brand: { name: 'A&B <i>', logoUrl: 'https://cdn.test/logo.png?a=1&b="2"' } });
    const m = compose(s, { customerName: '<script>alert(1)</script>\r\nBcc: x@y', answerUrl: 'https://kept.test/s/T?x=<>' });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@y,');
    expect(m.html).toContain('alt="A&amp;B &lt;i&gt;"');
    expect(m.html).toContain('src="https://cdn.test/logo.png?a=1&amp;b=&quot;2&quot;"');
    expect(m.html).toContain('href="https://kept.test/s/T?x=&lt;&gt;&amp;score=0"');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it('marks a reminder in the subject, in the mail language', () => {
    expect(compose(survey(), { reminder: true }).subject).toBe('Reminder: A quick question from Acme');
    const fr = compose(survey(), { reminder: true, locale: 'fr' });
    expect(fr.subject).toBe('Rappel\u00a0: Une petite question de la part de Acme');
    expect(fr.html).toContain('<html lang="fr">');
    expect(fr.text).toContain('Bonjour Ann,');
    expect(compose(survey(), { customerName: null }).text).toMatch(/^Hello,\n/);
  });
});

describe('brandColours', () => {
  it('writes white on dark colours and black on light ones', () => {
    expect(brandColours('#0f766e')).toEqual({ background: '#0f766e', foreground: '#ffffff' });
    expect(brandColours('#FFDD00')).toEqual({ background: '#ffdd00', foreground: '#000000' });
    expect(brandColours(undefined)).toEqual({ background: defaultBrandColour, foreground: '#ffffff' });
    expect(brandColours('red; background:url(x)').background).toBe(defaultBrandColour);
  });
});

it('adds the score to a URL with or without a query', () => {
  expect(scoreUrl('https://k/s/T', 3)).toBe('https://k/s/T?score=3');
  expect(scoreUrl('https://k/s/T?a=1', 3)).toBe('https://k/s/T?a=1&score=3');
});
