import { describe, expect, it } from 'vitest';
import type { GuardRule } from '../../../shared/types.ts';
import { checkRuleDraft, describeRule, newRuleTemplate, ordinal } from './guard-rules.ts';

describe('guard rules', () => {
  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '111th',
    ]);
  });

  it('asks for a name and JSON that parses', () => {
    expect(checkRuleDraft('No invoice', '{"a":1}')).toEqual({ local: {}, parsed: { a: 1 } });
    const bad = checkRuleDraft('  ', '{');
    expect(Object.keys(bad.local)).toEqual(['name', 'rule']);
    expect(bad.jsonError).toMatch(/^The JSON does not parse: /);
  });

  it('says a rule in words', () => {
    expect(describeRule(newRuleTemplate as GuardRule)).toMatch(
      /^Holds invoice when the timeline shows service\.cancelled with balance = 0 in the 90 days before/,
    );
  });
});
