import { describe, expect, it } from 'vitest';
import { isEventTypePattern } from '../../../../contract/webhooks.ts';
import { keptEventTypes, parseTypes, withType } from './webhook-text.ts';

describe('webhook text', () => {
  it('reads event types separated by commas or spaces', () => {
    expect(parseTypes(' case.*, response.created\nmessage.held ,, ')).toEqual(['case.*', 'response.created', 'message.held']);
    expect(parseTypes('  ')).toEqual([]);
  });

  it('adds a suggested type once', () => {
    expect(withType('', 'case.*')).toBe('case.*');
    expect(withType('case.opened case.closed', 'case.*')).toBe('case.opened, case.closed, case.*');
    expect(withType('case.*, *', 'case.*')).toBe('case.*, *');
  });

  it('suggests only types the contract takes', () => {
    for (const type of keptEventTypes) expect(isEventTypePattern(type)).toBe(true);
  });
});
