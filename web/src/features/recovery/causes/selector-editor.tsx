// The selector of a cause: which timeline events it matches. An event type, conditions on the
// event's data (path, operator, value; all must hold) and an optional time window. Values are
// typed (text, number, yes/no) because the server compares them as such: batch "42" is not 42.
// Problems from the server (details.problems with paths like selector.where.1.value) show
// beside the condition and field they name.
import type { CauseSelector, SelectorCondition, SelectorOp } from '../../../shared/types.ts';
import { fromLocalInput } from '../../../shared/local-time.ts';
import { Field } from '../../../shared/field.tsx';
import { SelectField, TextField } from '../../../shared/fields.tsx';
import { PlusIcon, TrashIcon } from '../../../shared/icons.tsx';

export const maxConditions = 10;

export const opList = [
  'eq',
  'ne',
  'in',
  'contains',
  'gte',
  'lte',
  'exists',
  'lte_field',
  'gte_field',
] as const satisfies readonly SelectorOp[];

export const opName: Record<SelectorOp, string> = {
  eq: 'is',
  ne: 'is not',
  in: 'is one of',
  contains: 'contains',
  gte: 'is at least',
  lte: 'is at most',
  exists: 'is present',
  lte_field: 'is at or before the field',
  gte_field: 'is at or after the field',
};

export type ValueKind = 'text' | 'number' | 'boolean';

export interface ConditionDraft {
  key: number;
  path: string;
  op: SelectorOp;
  kind: ValueKind;
  value: string;
}

export interface SelectorDraft {
  eventType: string;
  where: ConditionDraft[];
  from: string;
  to: string;
}

let nextKey = 1;
export const newCondition = (): ConditionDraft => ({ key: nextKey++, path: '', op: 'eq', kind: 'text', value: '' });
export const emptySelector = (): SelectorDraft => ({ eventType: '', where: [newCondition()], from: '', to: '' });

const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const pathPattern = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,9}$/;

function typed(kind: ValueKind, raw: string): string | number | boolean | undefined {
  const v = raw.trim();
  if (kind === 'number') return v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  if (kind === 'boolean') return v === 'true' ? true : v === 'false' ? false : undefined;
  return raw;
}

/** The draft as the API takes it, with the problems the browser can see; keys are the API's paths. */
export function selectorFromDraft(d: SelectorDraft): { selector: CauseSelector; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  if (!eventTypePattern.test(d.eventType.trim()))
    problems['selector.eventType'] = 'Enter an event type in lowercase dotted words, e.g. order.placed';
  const where: SelectorCondition[] = d.where
    .filter((c) => c.path.trim() || c.value.trim())
    .map((c, i) => {
      const at = `selector.where.${i}`;
      if (!pathPattern.test(c.path.trim())) problems[`${at}.path`] = 'Enter where in the data, e.g. batch or items.0.sku';
      if (c.op === 'exists') return { path: c.path.trim(), op: c.op };
      if (c.op === 'in') {
        const parts = c.value
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        const values = parts.map((p) => typed(c.kind, p));
        if (parts.length === 0) problems[`${at}.value`] = 'Enter one or more values, separated by commas';
        else if (values.some((v) => v === undefined))
          problems[`${at}.value`] = c.kind === 'number' ? 'Each value must be a number' : 'Each value must be true or false';
        return { path: c.path.trim(), op: c.op, value: values.filter((v) => v !== undefined) };
      }
      const value = typed(c.kind, c.value);
      if (value === undefined || (c.kind === 'text' && value === '')) {
        problems[`${at}.value`] = c.kind === 'number' ? 'Enter a number' : c.kind === 'boolean' ? 'Choose yes or no' : 'Enter a value';
      }
      return { path: c.path.trim(), op: c.op, value: value ?? '' };
    });
  const from = d.from ? fromLocalInput(d.from) : undefined;
  const to = d.to ? fromLocalInput(d.to) : undefined;
  if (from && to && from >= to) problems['selector.to'] = 'Must be after the start';
  return { selector: { eventType: d.eventType.trim(), where, ...(from ? { from } : {}), ...(to ? { to } : {}) }, problems };
}

/** A selector in words: "order.placed where batch is “B-42” and qty is at least 2". */
export function selectorWords(s: CauseSelector): string {
  const value = (v: SelectorCondition['value']): string =>
    Array.isArray(v) ? v.map((x) => value(x)).join(', ') : typeof v === 'string' ? `“${v}”` : String(v);
  const conditions = s.where.map((c) => (c.op === 'exists' ? `${c.path} is present` : `${c.path} ${opName[c.op]} ${value(c.value)}`));
  return conditions.length ? `${s.eventType} where ${conditions.join(' and ')}` : `every ${s.eventType}`;
}

export function SelectorEditor({
  draft,
  onChange,
  errors,
}: {
  draft: SelectorDraft;
  onChange: (d: SelectorDraft) => void;
  errors: Record<string, string>;
}) {
  const setCondition = (i: number, change: Partial<ConditionDraft>) =>
    onChange({ ...draft, where: draft.where.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  const remove = (i: number) => onChange({ ...draft, where: draft.where.filter((_, j) => j !== i) });
  // Server problems count conditions as sent: blank rows are dropped first, so map them back.
  const sentIndex = (i: number) => draft.where.slice(0, i).filter((c) => c.path.trim() || c.value.trim()).length;

  return (
    <fieldset className="selector-editor">
      <legend className="field-label">Which events it touched</legend>
      <TextField
        label="Event type"
        hint="As events send it, e.g. order.placed"
        error={errors['selector.eventType'] ?? errors.selector}
        className="input input-mono"
        maxLength={100}
        spellCheck={false}
        autoCapitalize="off"
        placeholder="order.placed"
        value={draft.eventType}
        onChange={(v) => onChange({ ...draft, eventType: v })}
      />
      <div className="conditions">
        <p className="field-label">Conditions on the event’s data (all must hold)</p>
        {errors['selector.where'] && <p className="field-error">{errors['selector.where']}</p>}
        <ol className="condition-list">
          {draft.where.map((c, i) => {
            const at = `selector.where.${sentIndex(i)}`;
            return (
              <li key={c.key} className="condition" aria-label={`Condition ${i + 1}`}>
                <TextField
                  label="Path"
                  error={errors[`${at}.path`]}
                  className="input input-mono"
                  maxLength={200}
                  spellCheck={false}
                  autoCapitalize="off"
                  placeholder="batch"
                  value={c.path}
                  onChange={(v) => setCondition(i, { path: v })}
                />
                <SelectField
                  label="Operator"
                  error={errors[`${at}.op`]}
                  className="input select"
                  value={c.op}
                  onChange={(v) => setCondition(i, { op: v as SelectorOp })}
                >
                  {opList.map((op) => (
                    <option key={op} value={op}>
                      {opName[op]}
                    </option>
                  ))}
                </SelectField>
                {c.op !== 'exists' && (
                  <>
                    <Field label="Type">
                      {(control) => (
                        <select
                          {...control}
                          className="input select"
                          value={c.kind}
                          onChange={(e) =>
                            setCondition(i, { kind: e.target.value as ValueKind, value: e.target.value === 'boolean' ? 'true' : c.value })
                          }
                        >
                          <option value="text">Text or date</option>
                          <option value="number">Number</option>
                          <option value="boolean">Yes / no</option>
                        </select>
                      )}
                    </Field>
                    <Field label={c.op === 'in' ? 'Values (comma-separated)' : 'Value'} error={errors[`${at}.value`] ?? errors[at]}>
                      {(control) =>
                        c.kind === 'boolean' && c.op !== 'in' ? (
                          <select
                            {...control}
                            className="input select"
                            value={c.value}
                            onChange={(e) => setCondition(i, { value: e.target.value })}
                          >
                            <option value="true">Yes (true)</option>
                            <option value="false">No (false)</option>
                          </select>
                        ) : (
                          <input
                            {...control}
                            className="input"
                            maxLength={2000}
                            inputMode={c.kind === 'number' ? 'decimal' : undefined}
                            placeholder={c.op === 'in' ? 'B-41, B-42' : c.op === 'gte' || c.op === 'lte' ? '2026-01-10 or 5' : 'B-42'}
                            value={c.value}
                            onChange={(e) => setCondition(i, { value: e.target.value })}
                          />
                        )
                      }
                    </Field>
                  </>
                )}
                <button type="button" className="button button-ghost button-small condition-remove" onClick={() => remove(i)}>
                  <TrashIcon />
                  <span className="visually-hidden">Remove condition {i + 1}</span>
                </button>
              </li>
            );
          })}
        </ol>
        {draft.where.length < maxConditions ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange({ ...draft, where: [...draft.where, newCondition()] })}
          >
            <PlusIcon /> Add a condition
          </button>
        ) : (
          <p className="field-hint">A selector has at most {maxConditions} conditions.</p>
        )}
      </div>
      <div className="field-pair">
        <TextField
          label="Events from (optional)"
          hint="Your local time."
          error={errors['selector.from']}
          className="input"
          type="datetime-local"
          value={draft.from}
          onChange={(v) => onChange({ ...draft, from: v })}
        />
        <TextField
          label="Events before (optional)"
          error={errors['selector.to']}
          className="input"
          type="datetime-local"
          value={draft.to}
          onChange={(v) => onChange({ ...draft, to: v })}
        />
      </div>
    </fieldset>
  );
}
