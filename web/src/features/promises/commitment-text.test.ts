import { describe, expect, it } from 'vitest';
import { noticeLine } from './commitment-text.ts';

const notice = (n: 'made' | 'kept' | 'missed', status: 'passed' | 'held' | 'cancelled' | 'no_address' = 'passed') => ({
  notice: n,
  status,
  at: '2026-03-02T09:00:00.000Z',
  messageId: null,
  mailId: null,
});

describe('what the customer was told about a promise, in words', () => {
  it('lists the notices in order, with what stopped one', () => {
    expect(noticeLine([notice('made'), notice('kept')], true)).toBe('To the customer: the promise; it is kept');
    expect(noticeLine([notice('made', 'held'), notice('missed')], true)).toBe(
      'To the customer: the promise (held by the outbox); an apology',
    );
    expect(noticeLine([notice('made', 'no_address')], true)).toBe('To the customer: the promise (not sent: no e-mail address)');
  });

  it('says when the customer is not told, and nothing before a notice', () => {
    expect(noticeLine([], false)).toBe('The customer is not told');
    expect(noticeLine([], true)).toBeUndefined();
  });
});
