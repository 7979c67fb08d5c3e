import { describe, expect, it } from 'vitest';
import { periodIn, periodName, unitFor } from './trend-units.ts';

describe('the units of the recovery report over time', () => {
  it('takes the unit asked for when the period allows it, and falls back by length', () => {
    expect(unitFor('day', 90)).toBe('day');
    expect(unitFor('day', 400)).toBe('month');
    expect(unitFor('hour', 30)).toBe('day');
    expect(unitFor(null, 90)).toBe('week');
    expect(unitFor(null, 365)).toBe('month');
    expect(unitFor('week', 1200)).toBe('month');
  });

  it('names a period from its start', () => {
    expect(periodName('week', '2026-03-02T00:00:00.000Z')).toMatch(/^the week of .*2026$/);
    expect(periodName('month', '2026-03-01')).toMatch(/2026/);
    expect(periodName('day', '2026-03-02T00:00:00.000Z')).not.toMatch(/week/);
    expect(periodIn('day', '2026-03-02')).toMatch(/^on /);
    expect(periodIn('week', '2026-03-02')).toMatch(/^in the week of /);
  });
});
