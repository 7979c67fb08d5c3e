// Brilliant at the basics: each basic promise's rate per month by department, with its 95 %
// interval and trend; managers name new basics as conditions on timeline events. A broken basic
// opens a case by itself (origin "Broken basic"), its clock at the event's time.
import { useState, type FormEvent } from 'react';
import type { BasicInput, BasicRates } from '../../../../contract/basics.ts';
import type { SelectorCondition, SelectorOp } from '../../../../contract/causes.ts';
import type { Department } from '../../shared/types.ts';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { DepartmentField, SelectField, TextField } from '../../shared/fields.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { opList, opName } from '../recovery/causes/selector-editor.tsx';
import { conditionOf, type ConditionRow } from './basics.ts';
import { intervalText, percent } from './growth.ts';

const kindName = { product: 'Right product', place: 'Right place', time: 'Right time', way: 'Right way' } as const;

export function BasicsPage() {
  useDocumentTitle('Basics');
  const { session } = useSession();
  const { state, reload } = useLoad('basics', async (signal) => {
    const [rates, departments] = await Promise.all([
      api<BasicRates>('/api/v1/basics/rates', { query: { granularity: 'month', periods: 6 }, signal }),
      api<{ items: Department[] }>('/api/v1/departments', { signal }),
    ]);
    return { rates, departments: departments.items };
  });
  return (
    <div className="page">
      <PageHeader
        title="Basics"
        description="The promises every customer takes for granted: the right product, place, time and way. Each basic's rate by month; a broken one opens a case at once, before the customer complains."
      />
      {state.status === 'loading' && <Loading label="Loading basics…" />}
      {state.status === 'error' && <ErrorNotice message={messageOf(state.error)} onRetry={reload} />}
      {state.status === 'ready' && state.data.rates.items.length === 0 && (
        <EmptyState title="No basics yet">
          <p>
            Name a basic below, e.g. “Delivered by the promised date” on order.delivered: promisedBy is at or after the field @occurredAt.
          </p>
        </EmptyState>
      )}
      {state.status === 'ready' && state.data.rates.items.length > 0 && (
        <div className="card table-card">
          <table className="table">
            <caption className="visually-hidden">Each basic’s rate per month</caption>
            <thead>
              <tr>
                <th scope="col">Basic</th>
                <th scope="col">Department</th>
                {state.data.rates.items[0]!.periods.map((p) => (
                  <th key={p.start} scope="col">
                    {p.label}
                  </th>
                ))}
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {state.data.rates.items.map((r) => (
                <tr key={r.basic.id}>
                  <th scope="row">
                    {r.basic.name}
                    <span className="field-hint">
                      {' '}
                      ({kindName[r.basic.kind]}
                      {r.basic.enabled ? '' : ', off'})
                    </span>
                  </th>
                  <td>{r.departmentName ?? '—'}</td>
                  {r.periods.map((p) => (
                    <td key={p.start}>
                      {p.events === 0 ? '—' : `${percent(p.rate)} of ${p.events}`}
                      {p.events > 0 && (
                        <span className="field-hint"> ({p.interval ? intervalText(p.interval) : 'under 30: no interval'})</span>
                      )}
                    </td>
                  ))}
                  <td>{r.trend === null ? '—' : `${r.trend >= 0 ? '+' : '−'}${Math.abs(r.trend).toFixed(1)} points`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state.status === 'ready' && hasRole(session.user.role, 'manager') && (
        <BasicForm departments={state.data.departments} onSaved={reload} />
      )}
    </div>
  );
}

const emptyRow = (): ConditionRow => ({ path: '', op: 'eq', value: '' });

function Conditions({
  label,
  rows,
  onChange,
  errors,
  at,
}: {
  label: string;
  rows: ConditionRow[];
  onChange: (r: ConditionRow[]) => void;
  errors: Record<string, string>;
  at: string;
}) {
  const set = (i: number, change: Partial<ConditionRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <fieldset className="field">
      <legend className="field-label">{label}</legend>
      {rows.map((r, i) => (
        <div key={i} className="condition-row">
          <TextField
            label={`Path ${i + 1}`}
            error={errors[`${at}.${i}.path`]}
            className="input"
            value={r.path}
            onChange={(v) => set(i, { path: v })}
          />
          <SelectField label={`Operator ${i + 1}`} className="input select" value={r.op} onChange={(v) => set(i, { op: v as SelectorOp })}>
            {opList.map((op) => (
              <option key={op} value={op}>
                {opName[op]}
              </option>
            ))}
          </SelectField>
          {r.op !== 'exists' && (
            <TextField
              label={`Value ${i + 1}`}
              error={errors[`${at}.${i}.value`]}
              className="input"
              value={r.value}
              onChange={(v) => set(i, { value: v })}
            />
          )}
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, emptyRow()])}>
        Add a condition<span className="visually-hidden"> to {label}</span>
      </button>
    </fieldset>
  );
}

function BasicForm({ departments, onSaved }: { departments: Department[]; onSaved: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BasicInput['kind']>('time');
  const [departmentId, setDepartmentId] = useState('');
  const [eventType, setEventType] = useState('');
  const [applies, setApplies] = useState<ConditionRow[]>([]);
  const [kept, setKept] = useState<ConditionRow[]>([emptyRow()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const rows = (rs: ConditionRow[]): SelectorCondition[] => rs.filter((r) => r.path.trim()).map(conditionOf);
    const body = { name, kind, departmentId: departmentId || null, eventType, appliesWhen: rows(applies), keptWhen: rows(kept) };
    try {
      await api('/api/v1/basics', { method: 'POST', body });
      setErrors({});
      setName('');
      onSaved();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fieldErrors(), form: err.message } : { form: messageOf(err) });
    }
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-basic">
      <h2 id="new-basic">Name a basic</h2>
      {errors.form && <p className="field-error">{errors.form}</p>}
      <TextField label="Name" error={errors.name} className="input" value={name} onChange={setName} />
      <SelectField label="Which basic" className="input select" value={kind} onChange={(v) => setKind(v as BasicInput['kind'])}>
        {Object.entries(kindName).map(([k, n]) => (
          <option key={k} value={k}>
            {n}
          </option>
        ))}
      </SelectField>
      <DepartmentField label="Department" departments={departments} none="No department" value={departmentId} onChange={setDepartmentId} />
      <TextField
        label="Event type"
        hint="e.g. order.delivered"
        error={errors.eventType}
        className="input"
        value={eventType}
        onChange={setEventType}
      />
      <Conditions label="Applies when (all hold)" rows={applies} onChange={setApplies} errors={errors} at="appliesWhen" />
      <Conditions label="Kept when (all hold)" rows={kept} onChange={setKept} errors={errors} at="keptWhen" />
      <button type="submit" className="button button-primary">
        Save basic
      </button>
    </form>
  );
}
