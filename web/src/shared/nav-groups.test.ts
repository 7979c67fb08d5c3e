import { describe, expect, it } from 'vitest';
import { isCurrent, navGroups } from './nav-groups.ts';

describe('the main navigation', () => {
  it('has every section once, in five groups', () => {
    const paths = navGroups.flatMap((g) => g.items.map((i) => i.to));
    expect(new Set(paths).size).toBe(paths.length);
    expect(navGroups.map((g) => g.title)).toEqual(['Work', 'Customers', 'Learning', 'Measure', 'Settings']);
    for (const p of ['/cases', '/outbox', '/customers', '/dashboard', '/team', '/settings']) expect(paths).toContain(p);
  });
  it('lists “You said, we did” under Learning, for every role', () => {
    const learning = navGroups.find((g) => g.title === 'Learning')!;
    expect(learning.items).toContainEqual({ to: '/learning/improvements', label: 'You said, we did' });
    expect(isCurrent('/learning/improvements', '/learning/improvements/0190a5d0')).toBe(true);
  });
  it('marks a link current on its page and the pages below it, not on a neighbour sharing a prefix', () => {
    expect(isCurrent('/cases', '/cases')).toBe(true);
    expect(isCurrent('/cases', '/cases/0190a5d0')).toBe(true);
    expect(isCurrent('/rules', '/rules-review')).toBe(false);
  });
});
