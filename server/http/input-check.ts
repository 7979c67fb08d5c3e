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

/** Throws invalid_input naming every bad string or key (up to 20), or the first place nested too deep. */
export function checkInput(value: unknown, where = 'body', prefix: (string | number)[] = []): void {
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
