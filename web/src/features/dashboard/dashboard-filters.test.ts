import { describe, expect, it } from 'vitest';
import type { CompareResult, Survey } from '../../shared/types.ts';
import { compareProblems, compareQuery, sideName, startingPeriods, type CompareInput } from './compare.ts';
import { baseQuery, contextOf, filtersFrom, periodDays, responsesUrl, segmentProblem } from './dashboard-filters.ts';
import { periodFrom } from './scores.ts';

const csat = { id: 's1', kind: 'csat', name: 'Delivery CSAT' } as Survey;
const params = (query: string) => new URLSearchParams(query);
const custom = 'period=custom&from=2026-03-01&to=2026-03-10';

describe('dashboard filters', () => {
  it('reads a custom period with its last day included, either way round', () => {
    expect(periodFrom(params(custom)).period).toEqual({ from: '2026-03-01', to: '2026-03-11' });
    expect(periodFrom(params('period=custom&from=2026-03-10&to=2026-03-01')).period).toEqual({ from: '2026-03-01', to: '2026-03-11' });
    expect(periodFrom(params('period=nonsense')).preset).toBe('90');
    expect(periodDays({ from: '2026-03-01', to: '2026-03-11' })).toBe(10);
  });

  it('falls back to defaults for bad values, and takes the kind from a chosen survey', () => {
    const f = filtersFrom(params(`${custom}&kind=bogus&interval=hourly&segment=a:b`), []);
    expect(f).toMatchObject({ kind: 'nps', interval: 'day', segment: undefined, includeHandPicked: false, split: false });
    const g = filtersFrom(params(`${custom}&survey=s1&kind=ces&interval=week&segment=plan&hand=true`), [csat]);
    expect(g).toMatchObject({ kind: 'csat', interval: 'week', segment: 'plan', surveyId: 's1', includeHandPicked: true });
    expect(filtersFrom(params('survey=unknown'), [csat]).surveyId).toBeUndefined();
  });

  it('chooses points per day, week or month by the period’s length', () => {
    expect(filtersFrom(params('period=custom&from=2026-01-01&to=2026-03-31'), []).interval).toBe('week');
    expect(filtersFrom(params('period=custom&from=2025-01-01&to=2026-03-31'), []).interval).toBe('month');
    expect(filtersFrom(params('period=custom&from=2025-01-01&to=2026-03-31&interval=day'), []).interval).toBe('month');
  });

  it('builds the metrics query, the answers link and the context line', () => {
    const f = filtersFrom(params(`${custom}&survey=s1&hand=true`), [csat]);
    expect(baseQuery(f)).toEqual({
      from: '2026-03-01',
      to: '2026-03-11',
      surveyId: 's1',
      departmentId: undefined,
      includeHandPicked: 'true',
    });
    expect(responsesUrl(f, 'csat', { from: '2026-03-02', to: '2026-03-03' }, { attribute: 'plan', value: 'gold' })).toBe(
      '/api/v1/responses?kind=csat&from=2026-03-02T00%3A00%3A00.000Z&to=2026-03-03T00%3A00%3A00.000Z&surveyId=s1&includeHandPicked=true&segment=plan%3Agold',
    );
    expect(contextOf(f, csat)).toMatch(/ · Delivery CSAT · hand-picked answers included$/);
    expect(contextOf({ ...f, includeHandPicked: false })).toMatch(/ · hand-picked answers left out$/);
  });

  it('takes any attribute name without a colon to break down by', () => {
    expect(segmentProblem(' plan ')).toBeUndefined();
    expect(segmentProblem('')).toBeUndefined();
    expect(segmentProblem('plan:gold')).toBe('Enter an attribute name without a colon, e.g. plan');
  });
});

describe('dashboard comparison', () => {
  const f = filtersFrom(params(custom), []);
  const input = (change: Partial<CompareInput>): CompareInput => ({
    mode: 'periods',
    ...startingPeriods(f),
    attribute: '',
    valueA: '',
    valueB: '',
    ...change,
  });

  it('starts with the dashboard’s period against the one as long before it', () => {
    expect(startingPeriods(f)).toEqual({ a: { from: '2026-03-01', to: '2026-03-10' }, b: { from: '2026-02-19', to: '2026-02-28' } });
  });

  it('checks each mode’s own fields', () => {
    expect(compareProblems(input({}))).toEqual({});
    expect(compareProblems(input({ a: { from: '2026-03-05', to: '2026-03-01' }, b: { from: '', to: '2026-03-01' } }))).toEqual({
      'a.to': 'Choose the last day of period A, on or after its first',
      'b.from': 'Choose the first day of period B',
    });
    expect(Object.keys(compareProblems(input({ mode: 'segments', attribute: 'a:b', valueA: ' ' })))).toEqual(['segment', 'a', 'b']);
  });

  it('sends the day after each last day, or the segment values trimmed', () => {
    expect(compareQuery(f, input({}))).toEqual({
      kind: 'nps',
      surveyId: undefined,
      departmentId: undefined,
      includeHandPicked: undefined,
      'a.from': '2026-03-01',
      'a.to': '2026-03-11',
      'b.from': '2026-02-19',
      'b.to': '2026-03-01',
    });
    expect(compareQuery(f, input({ mode: 'segments', attribute: ' plan ', valueA: 'gold ', valueB: ' basic' }))).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-11',
      segment: 'plan',
      a: 'gold',
      b: 'basic',
    });
  });

  it('names a segment side by its value', () => {
    const r = { by: 'segments', segment: 'plan', a: { segmentValue: 'gold' }, b: { segmentValue: null } } as unknown as CompareResult;
    expect(sideName(r, 'a')).toBe('plan: gold');
    expect(sideName(r, 'b')).toBe('plan: ');
  });
});
