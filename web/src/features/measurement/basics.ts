// A basic's condition as the form holds it (text) and as the API takes it (typed values). Pure.
import type { SelectorCondition, SelectorOp } from '../../../../contract/causes.ts';

export interface ConditionRow {
  path: string;
  op: SelectorOp;
  value: string;
}

/** "12" is a number, "true"/"false" a yes/no, anything else text; a field op's value is a path. */
function typed(raw: string): string | number | boolean {
  const v = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

export function conditionOf(r: ConditionRow): SelectorCondition {
  const path = r.path.trim();
  if (r.op === 'exists') return { path, op: r.op };
  if (r.op === 'lte_field' || r.op === 'gte_field') return { path, op: r.op, value: r.value.trim() };
  if (r.op === 'in')
    return {
      path,
      op: r.op,
      value: r.value
        .split(',')
        .map(typed)
        .filter((v) => v !== ''),
    };
  return { path, op: r.op, value: typed(r.value) };
}
