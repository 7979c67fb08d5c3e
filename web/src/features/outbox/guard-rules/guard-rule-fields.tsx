// The common parts of a guard rule as form fields (kinds, event types, window, action, task) that
// read from and write to the rule's JSON, which stays the one source: conditions, clearedBy and
// resolvesOn are edited there. While the JSON does not parse, the fields wait for it.
import { useId, useState } from 'react';
import type { Department } from '../../../shared/types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseObject(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const listText = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : typeof v === 'string' ? v : '');
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function GuardRuleFields({
  json,
  onJson,
  departments,
  readOnly,
}: {
  json: string;
  onJson: (json: string) => void;
  departments: Department[];
  readOnly: boolean;
}) {
  const id = useId();
  const rule = parseObject(json);
  if (!rule) {
    return (
      <p className="notice notice-info">
        The fields below the JSON need a rule that parses as an object. Fix the JSON, or edit it directly.
      </p>
    );
  }
  const heldWhen = isObject(rule.heldWhen) ? rule.heldWhen : {};
  const task = isObject(rule.task) ? rule.task : {};
  const cancel = rule.action === 'cancel';

  function write(change: (r: Json) => void) {
    const next = structuredClone(rule!);
    change(next);
    onJson(JSON.stringify(next, null, 2));
  }
  const setHeldWhen = (key: string, value: unknown) =>
    write((r) => {
      const h = isObject(r.heldWhen) ? r.heldWhen : (r.heldWhen = {});
      if (value === undefined) delete (h as Json)[key];
      else (h as Json)[key] = value;
    });
  const setTask = (key: 'department' | 'title', value: string) =>
    write((r) => {
      const t: Json = { ...(isObject(r.task) ? r.task : {}), [key]: value };
      if (!text(t.department).trim() && !text(t.title).trim()) delete r.task;
      else r.task = t;
    });

  return (
    <div className="rule-fields">
      <DraftInput
        label="Message kinds"
        hint="The kinds of message the rule looks at, separated by commas: invoice, dunning"
        value={listText(rule.messageKinds)}
        readOnly={readOnly}
        mono
        onValue={(v) => write((r) => void (r.messageKinds = splitList(v)))}
      />
      <DraftInput
        label="Held when the timeline shows"
        hint="Event types, separated by commas: service.cancelled"
        value={listText(heldWhen.eventTypes)}
        readOnly={readOnly}
        mono
        onValue={(v) => setHeldWhen('eventTypes', splitList(v))}
      />
      <DraftInput
        label="Within days"
        hint="Only events this many days before the message. Empty: any time."
        value={text(heldWhen.withinDays)}
        readOnly={readOnly}
        type="number"
        onValue={(v) => setHeldWhen('withinDays', v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v) : v)}
      />
      <fieldset className="field rule-action">
        <legend className="field-label">Action</legend>
        <div className="radio-row">
          {(['hold', 'cancel'] as const).map((a) => (
            <label key={a} className="radio">
              <input
                type="radio"
                name={`${id}-action`}
                value={a}
                checked={(rule.action ?? 'hold') === a}
                disabled={readOnly}
                onChange={() => write((r) => void (r.action = a))}
              />
              <span>{a === 'hold' ? 'Hold for a person to decide' : 'Cancel: it never goes'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <DraftInput
        label="Task department"
        hint={
          cancel ? 'A cancelled message makes no task: leave empty.' : 'A held message becomes a task for this department (name or key).'
        }
        value={text(task.department)}
        readOnly={readOnly}
        list={`${id}-departments`}
        onValue={(v) => setTask('department', v)}
      />
      <datalist id={`${id}-departments`}>
        {departments.map((d) => (
          <option key={d.id} value={d.name} />
        ))}
      </datalist>
      <DraftInput
        label="Task title"
        hint="May use {customerName} and {kind}."
        value={text(task.title)}
        readOnly={readOnly}
        onValue={(v) => setTask('title', v)}
      />
    </div>
  );
}

/** An input that shows what is typed while it has focus (a trailing comma), and the JSON's value otherwise. */
function DraftInput({
  label,
  hint,
  value,
  onValue,
  readOnly,
  mono,
  type = 'text',
  list,
}: {
  label: string;
  hint: string;
  value: string;
  onValue: (value: string) => void;
  readOnly: boolean;
  mono?: boolean;
  type?: 'text' | 'number';
  list?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string>();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={mono ? 'input input-mono' : 'input'}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        min={type === 'number' ? 1 : undefined}
        list={list}
        readOnly={readOnly}
        aria-describedby={`${id}-hint`}
        value={draft ?? value}
        onChange={(e) => {
          setDraft(e.target.value);
          onValue(e.target.value);
        }}
        onBlur={() => setDraft(undefined)}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
