import { describe, expect, it } from 'vitest';
import { formatJsonPath, lineOf, locateJsonPath } from './json-path.ts';

const text = JSON.stringify(
  { messageKinds: ['invoice'], heldWhen: { eventTypes: ['a.b'], where: [{ path: 'balance', op: 'gte', value: 'lots' }] } },
  null,
  2,
);
const at = (path: (string | number)[]) => {
  const span = locateJsonPath(text, path);
  return span && { text: text.slice(span.start, span.end), exact: span.exact };
};

describe('locating a JSON path in the text', () => {
  it('finds a value through objects and arrays', () => {
    expect(at(['heldWhen', 'where', 0, 'value'])).toEqual({ text: '"lots"', exact: true });
    expect(at(['messageKinds', 0])).toEqual({ text: '"invoice"', exact: true });
    expect(at(['heldWhen', 'eventTypes'])).toEqual({ text: '[\n      "a.b"\n    ]', exact: true });
    expect(lineOf(text, locateJsonPath(text, ['heldWhen', 'where', 0, 'value'])!.start)).toBe(13);
  });

  it('points at the object that lacks a missing field, and finds nothing in text that does not parse', () => {
    expect(at(['heldWhen', 'withinDays'])?.exact).toBe(false);
    expect(at(['heldWhen', 'withinDays'])?.text.startsWith('{\n    "eventTypes"')).toBe(true);
    expect(at(['messageKinds', 3])).toEqual({ text: '[\n    "invoice"\n  ]', exact: false });
    expect(locateJsonPath('{"a": [1, 2,]}', ['a', 0])).toBeUndefined();
    expect(locateJsonPath('{"a": 1} trailing', ['a'])).toBeUndefined();
    expect(locateJsonPath('{"k\\"ey": "v\\\\"}', ['k"ey'])).toEqual({ start: 10, end: 15, exact: true });
  });

  it('reads a path as a person would write it', () => {
    expect(formatJsonPath(['heldWhen', 'where', 0, 'value'])).toBe('heldWhen.where[0].value');
    expect(formatJsonPath([])).toBe('');
  });
});
