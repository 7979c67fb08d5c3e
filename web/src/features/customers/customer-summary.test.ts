import { describe, expect, it } from 'vitest';
import { scoreWords } from './customer-summary.ts';

describe('a customer’s last score in words', () => {
  it('names the survey kind and its scale', () => {
    expect(scoreWords({ score: 3, kind: 'nps' })).toBe('NPS 3 of 10');
    expect(scoreWords({ score: 4, kind: 'csat' })).toBe('CSAT 4 of 5');
    expect(scoreWords({ score: 2, kind: 'ces' })).toBe('CES 2 of 7');
    expect(scoreWords({ score: 7, kind: 'open' })).toBe('7');
  });
});
