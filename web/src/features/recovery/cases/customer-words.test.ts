import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../../../contract/cases.ts';
import { answerComment, customerWords } from './customer-words.ts';

type Oops = CaseDetail['oopses'][number];
const oops = (o: Partial<Oops> & Pick<Oops, 'id' | 'kind' | 'occurredAt'>): Oops => ({
  reportedAt: o.occurredAt,
  summary: '',
  ref: {},
  ...o,
});

describe("the customer's words on a case", () => {
  it('reads an answer’s comment after the survey’s name, even with a colon in it', () => {
    expect(answerComment('NPS 3 of 10 on “Relationship NPS”: Nobody called: twice!')).toBe('Nobody called: twice!');
    expect(answerComment('CSAT 1 of 5 on “Delivery”')).toBeNull();
  });
  it('lists complaints and commented answers oldest first, never machine-made oopses', () => {
    const words = customerWords([
      oops({
        id: 'b',
        kind: 'survey',
        occurredAt: '2026-03-02T10:00:00Z',
        summary: 'CES 2 of 7 on “Support”: Too many forms',
        ref: { responseId: 'r' },
      }),
      oops({ id: 'a', kind: 'complaint', occurredAt: '2026-03-01T10:00:00Z', ref: { complaintId: 'c1' } }),
      oops({ id: 'c', kind: 'commitment', occurredAt: '2026-03-03T10:00:00Z', summary: 'Promise broken: call back' }),
      oops({ id: 'd', kind: 'survey', occurredAt: '2026-03-04T10:00:00Z', summary: 'NPS 2 of 10 on “NPS”', ref: { responseId: 'q' } }),
    ]);
    expect(words.map((w) => w.oopsId)).toEqual(['a', 'b']);
    expect(words[1]).toMatchObject({ kind: 'answer', responseId: 'r', text: 'Too many forms' });
  });
});
