import { describe, expect, it } from 'vitest';
import { delayText, sampleOf, triggerOf } from './survey-sending.ts';

describe('survey sending', () => {
  it('checks a trigger with the contract’s rules, in the form’s words', () => {
    expect(triggerOf(' order.delivered ', '24')).toEqual({ body: { eventType: 'order.delivered', delayHours: 24 }, problems: {} });
    expect(triggerOf('Order', '1.5').problems).toEqual({
      eventType: 'Enter an event type in lowercase dotted words, e.g. order.delivered',
      delayHours: 'Enter whole hours from 0 to 8760 (a year)',
    });
    expect(triggerOf('order.delivered', '8761').problems).toHaveProperty('delayHours');
    expect(triggerOf('order.delivered', '0').problems).toEqual({});
  });

  it('checks a sample: a size, and an attribute and its value together', () => {
    expect(sampleOf('', '', '100')).toEqual({ body: { segment: undefined, size: 100 }, problems: {} });
    expect(sampleOf(' plan ', ' gold ', '5').body).toEqual({ segment: { attribute: 'plan', value: 'gold' }, size: 5 });
    expect(sampleOf('plan', ' ', '0').problems).toEqual({
      size: 'Enter a whole number from 1 to 100,000',
      'segment.value': 'Enter the value the attribute must have, e.g. gold',
    });
    expect(sampleOf('', 'gold', '100001').problems).toEqual({
      size: 'Enter a whole number from 1 to 100,000',
      'segment.attribute': 'Enter the attribute, e.g. plan',
    });
  });

  it('says a delay in days when it is whole days', () => {
    expect(delayText(0)).toBe('right after');
    expect(delayText(48)).toBe('2 days after');
    expect(delayText(5)).toBe('5 hours after');
  });
});
