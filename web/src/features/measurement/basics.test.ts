import { describe, expect, it } from 'vitest';
import { conditionOf } from './basics.ts';

describe('a basic’s condition from the form', () => {
  it('types values and keeps a field comparison’s path as text', () => {
    expect(conditionOf({ path: ' promisedBy ', op: 'gte_field', value: '@occurredAt' })).toEqual({
      path: 'promisedBy',
      op: 'gte_field',
      value: '@occurredAt',
    });
    expect(conditionOf({ path: 'qty', op: 'gte', value: '2' })).toEqual({ path: 'qty', op: 'gte', value: 2 });
    expect(conditionOf({ path: 'reason', op: 'in', value: 'wrong_item, damaged' })).toEqual({
      path: 'reason',
      op: 'in',
      value: ['wrong_item', 'damaged'],
    });
    expect(conditionOf({ path: 'gift', op: 'exists', value: 'x' })).toEqual({ path: 'gift', op: 'exists' });
  });
});
