// The dashboard's comparison: two periods, or two values of a customer attribute, and whether
// their difference is more than chance.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { TextField } from '../../shared/fields.tsx';
import { ErrorNotice } from '../../shared/states.tsx';
import { useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { formatPeriod, kindTitle } from './scores.ts';
import type { CompareResult, CustomerAttributes } from '../../shared/types.ts';
import { CompareOutcome } from './compare-outcome.tsx';
import type { Filters } from './dashboard-filters.ts';
import { compareProblems, compareQuery, startingPeriods, type CompareMode } from './compare.ts';

export function CompareSection({ f }: { f: Filters }) {
  const form = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<CompareMode>('periods');
  const [a, setA] = useState(() => startingPeriods(f).a);
  const [b, setB] = useState(() => startingPeriods(f).b);
  const [attribute, setAttribute] = useState(f.segment ?? '');
  // The attributes customers carry, offered as suggestions; typing any other name still works.
  const known = useLoad('customer-attributes', (signal) => api<CustomerAttributes>('/api/v1/customers/attributes', { signal }));
  const suggestions = known.state.status === 'ready' ? known.state.data.items : [];
  const [valueA, setValueA] = useState('');
  const [valueB, setValueB] = useState('');
  const [result, setResult] = useState<CompareResult>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { mode, a, b, attribute, valueA, valueB };
    setResult(undefined);
    await run(compareProblems(input), async () => {
      setResult(await api<CompareResult>('/api/v1/metrics/compare', { query: compareQuery(f, input) }));
    });
  }

  const dateField = (key: string, label: string, value: string, set: (v: string) => void) => (
    <TextField label={label} error={errors[key]} className="input date-input" type="date" value={value} onChange={(v) => set(v)} />
  );

  return (
    <section className="card dashboard-section" aria-labelledby="compare-heading">
      <div className="section-head">
        <h2 id="compare-heading">Compare {kindTitle[f.kind]}</h2>
      </div>
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        <fieldset className="field">
          <legend className="field-label">Compare</legend>
          <div className="radio-row">
            <label className="radio">
              <input type="radio" name="compare-mode" checked={mode === 'periods'} onChange={() => setMode('periods')} />
              <span>Two periods</span>
            </label>
            <label className="radio">
              <input type="radio" name="compare-mode" checked={mode === 'segments'} onChange={() => setMode('segments')} />
              <span>Two values of a customer attribute ({formatPeriod(f.period)})</span>
            </label>
          </div>
        </fieldset>
        {mode === 'periods' ? (
          <div className="compare-inputs">
            <fieldset className="compare-group">
              <legend className="field-label">Period A</legend>
              {dateField('a.from', 'From', a.from, (v) => setA({ ...a, from: v }))}
              {dateField('a.to', 'To, included', a.to, (v) => setA({ ...a, to: v }))}
            </fieldset>
            <fieldset className="compare-group">
              <legend className="field-label">Period B</legend>
              {dateField('b.from', 'From', b.from, (v) => setB({ ...b, from: v }))}
              {dateField('b.to', 'To, included', b.to, (v) => setB({ ...b, to: v }))}
            </fieldset>
          </div>
        ) : (
          <div className="compare-inputs">
            <TextField
              label="Customer attribute"
              error={errors.segment}
              className="input input-mono"
              maxLength={64}
              spellCheck={false}
              autoCapitalize="off"
              placeholder="plan"
              list="compare-attributes"
              value={attribute}
              onChange={(v) => setAttribute(v)}
            />
            <datalist id="compare-attributes">
              {suggestions.map((a) => (
                <option key={a.key} value={a.key} />
              ))}
            </datalist>
            <datalist id="compare-values">
              {(suggestions.find((a) => a.key === attribute.trim())?.values ?? []).map((v) => (
                <option key={v.value} value={v.value} />
              ))}
            </datalist>
            <TextField
              label="Value A"
              error={errors.a}
              className="input"
              maxLength={200}
              placeholder="gold"
              list="compare-values"
              value={valueA}
              onChange={(v) => setValueA(v)}
            />
            <TextField
              label="Value B"
              error={errors.b}
              className="input"
              maxLength={200}
              placeholder="basic"
              list="compare-values"
              value={valueB}
              onChange={(v) => setValueB(v)}
            />
          </div>
        )}
        <div>
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      </form>
      <div aria-live="polite">{result && <CompareOutcome result={result} />}</div>
    </section>
  );
}
