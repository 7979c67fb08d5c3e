// Text that cannot be stored or shown is refused once, where requests come in: a NUL character
// (PostgreSQL's text and jsonb cannot hold one) or a lone UTF-16 surrogate (not Unicode at all),
// in any string or key of a JSON body, a form, a query string or a path. The walk is iterative,
// so a body nested thousands of levels deep gets a 400, not a stack overflow.
import { KeptError, type FieldProblem } from '../domain/core/errors.ts';

export const maxDepth = 64;
const maxProblems = 20;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a text, or undefined. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\0')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (loneSurrogate.test(s)) return 'contains a lone UTF-16 surrogate, which is not a character';
  return undefined;
}

/**
 * Whether a JSON text can hold a NUL or a lone surrogate once parsed. Only an escape can put one
 * there: JSON.parse refuses a raw control character in a string, and text decoded from UTF-8 holds
 * no surrogate on its own (an encoded surrogate decodes to U+FFFD). An escaped backslash before
 * "u0000" is a false alarm, which only costs the full check.
 */
export const jsonMayHoldBadText = (text: string): boolean => /\\u(?:0000|[dD][89a-fA-F])/.test(text);

/**
 * Whether the value has no bad string or key and no object nested too deep: the common case,
 * walked without building a path for every value (a 1,000-event batch has tens of thousands).
 * `checkTexts: false` skips the texts (the caller knows them clean) and checks the depth alone.
 */
function nothingToReport(value: unknown, checkTexts: boolean): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v === 'string') {
      if (checkTexts && textProblem(v)) return false;
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= maxDepth) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          values.push(v[i]);
          depths.push(depth + 1);
        }
      } else {
        for (const k in v) {
          if (!Object.hasOwn(v, k)) continue;
          if (checkTexts && textProblem(k)) return false;
          values.push((v as Record<string, unknown>)[k]);
          depths.push(depth + 1);
        }
      }
    }
  }
  return true;
}

/**
 * Throws invalid_input naming every bad string or key (up to 20), or the first place nested too
 * deep. `textsChecked`: the caller has shown no string can be bad (jsonMayHoldBadText), so only
 * the depth is walked unless something is found.
 */
export function checkInput(value: unknown, where = 'body', prefix: (string | number)[] = [], opts: { textsChecked?: boolean } = {}): void {
  if (nothingToReport(value, !opts.textsChecked)) return;
  // Something is wrong: walk again, naming each place.
  const problems: FieldProblem[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: prefix }];
  while (stack.length && problems.length < maxProblems) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) problems.push({ path, message: p });
    } else if (typeof v === 'object' && v !== null) {
      if (path.length - prefix.length >= maxDepth) {
        throw new KeptError('invalid_input', `The ${where} is nested more than ${maxDepth} levels deep`, {
          problems: [{ path: path.slice(0, prefix.length + 3), message: `is nested more than ${maxDepth} levels deep` }],
        });
      }
      const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        if (typeof k === 'string') {
          const p = textProblem(k);
          if (p) problems.push({ path: [...path, k], message: `its name ${p}` });
        }
        stack.push({ v: x, path: [...path, k] });
      }
    }
  }
  if (problems.length) throw new KeptError('invalid_input', `The ${where} is not valid`, { problems });
}
