// Making a promise to a customer. As the kind and department are typed, it shows what the team
// achieved for similar promises and the due time they meet 9 times in 10 (seed 002). Reusable:
// given a caseId (the case page), the customer is the case's and is not asked for; otherwise the
// customer is picked from the customer list (a typo never adds a new customer).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CommitmentInput, CommitmentMade, Suggestion } from '../../../../contract/commitments.ts';
import { api, isAbort, messageOf } from '../../shared/api.ts';
import { fromLocalInput, kindPattern, toLocalInput } from './commitment-text.ts';
import { useDebounced, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { useSession } from '../../shared/session.ts';
import { CustomerPicker } from '../../shared/customer-picker.tsx';
import type { Customer, Department, User } from '../../shared/types.ts';
import { CommitmentSuggestion, type SuggestionState } from './commitment-suggestion.tsx';
import { Field } from '../../shared/field.tsx';
import { SelectField, TextField, DepartmentField } from '../../shared/fields.tsx';
import { ErrorNotice } from '../../shared/states.tsx';

/** What the form needs to list: departments, staff and the kinds already in use. */
function useChoices() {
  return useLoad('commitment-choices', async (signal) => {
    const [departments, users, kinds] = await Promise.all([
      api<{ items: Department[] }>('/api/v1/departments', { signal }),
      api<{ items: User[] }>('/api/v1/users', { signal }),
      api<{ items: { kind: string }[] }>('/api/v1/commitments/kinds', { signal }),
    ]);
    return { departments: departments.items, users: users.items, kinds: kinds.items.map((k) => k.kind) };
  });
}

/** The suggestion for a kind and department, fetched once typing pauses. */
function useSuggestion(kind: string, departmentId: string): SuggestionState {
  const settled = useDebounced(`${kind}|${departmentId}`, 300);
  const [state, setState] = useState<SuggestionState>({ status: 'idle' });
  const last = useRef<Suggestion | undefined>(undefined);
  useEffect(() => {
    const [k, d] = settled.split('|');
    if (!k || !kindPattern.test(k)) return setState({ status: 'idle' });
    const controller = new AbortController();
    setState({ status: 'loading', previous: last.current });
    api<Suggestion>('/api/v1/commitments/suggestion', { query: { kind: k, departmentId: d || undefined }, signal: controller.signal }).then(
      (data) => {
        last.current = data;
        setState({ status: 'ready', data });
      },
      (err: unknown) => {
        if (!isAbort(err)) setState({ status: 'error', message: messageOf(err) });
      },
    );
    return () => controller.abort();
  }, [settled]);
  return state;
}

export function CommitmentForm({ caseId, onMade }: { caseId?: string; onMade?: (made: CommitmentMade) => void }) {
  const id = useId();
  const { session } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const choices = useChoices();
  const [customer, setCustomer] = useState<Customer>();
  const [what, setWhat] = useState('');
  const [kind, setKind] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [ownerId, setOwnerId] = useState(session.user.id);
  const [due, setDue] = useState('');
  const [tellCustomer, setTellCustomer] = useState(true);
  const [made, setMade] = useState<CommitmentMade>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  const suggestion = useSuggestion(kind.trim(), departmentId);
  const ready = choices.state.status === 'ready' ? choices.state.data : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!caseId && !customer) problems.customerId = 'Choose the customer: search by name, e-mail or external ID';
    if (!what.trim()) problems.what = 'Say what was promised, e.g. Refund the restocking fee';
    if (!kindPattern.test(kind.trim())) problems.kind = 'Use a short lowercase word, e.g. refund or callback';
    const dueAt = fromLocalInput(due);
    if (!dueAt) problems.dueAt = 'Choose by when';
    else if (new Date(dueAt).getTime() <= Date.now()) problems.dueAt = 'Choose a time in the future';
    await run(problems, async () => {
      const body: CommitmentInput = {
        ...(caseId ? { caseId } : { customerId: customer!.id }),
        what: what.trim(),
        kind: kind.trim(),
        dueAt: dueAt!,
        ownerId: ownerId || undefined,
        departmentId: departmentId || undefined,
        tellCustomer,
      };
      const r = await api<CommitmentMade>('/api/v1/commitments', { method: 'POST', body });
      setMade(r);
      setWhat('');
      setDue('');
      onMade?.(r);
    });
  }

  const departmentName = ready?.departments.find((d) => d.id === departmentId)?.name;
  return (
    <div className="stack">
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        {!caseId && <CustomerPicker chosen={customer} onChoose={setCustomer} error={errors.customerId} />}
        <TextField
          label="What was promised"
          error={errors.what}
          className="input"
          maxLength={500}
          value={what}
          onChange={(v) => setWhat(v)}
        />
        <Field label="Kind" hint="Similar promises share it: refund, callback, replacement, visit…" error={errors.kind}>
          {(control) => (
            <>
              <input
                {...control}
                className="input input-mono"
                list={`${id}-kinds`}
                spellCheck={false}
                autoCapitalize="off"
                value={kind}
                onChange={(e) => setKind(e.target.value.toLowerCase())}
              />
              <datalist id={`${id}-kinds`}>
                {ready?.kinds.map((k) => (
                  <option key={k} value={k} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <DepartmentField
          label="Department"
          error={errors.departmentId}

          value={departmentId}
          onChange={(v) => setDepartmentId(v)}
          departments={ready?.departments}
          none="No department"
        />
        <SelectField label="Owner" error={errors.ownerId} className="input select" value={ownerId} onChange={(v) => setOwnerId(v)}>
          {(ready?.users ?? [session.user]).map((u) => (
            <option key={u.id} value={u.id}>
              {u.id === session.user.id ? `${u.name} (me)` : u.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Due" error={errors.dueAt} type="datetime-local" className="input" value={due} onChange={(v) => setDue(v)} />
        <label className="checkbox">
          <input type="checkbox" checked={tellCustomer} onChange={(e) => setTellCustomer(e.target.checked)} />
          <span>Tell the customer by e-mail: now, when it is kept, and with an apology if it is missed</span>
        </label>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Recording…' : 'Record the promise'}
        </button>
      </form>
      <CommitmentSuggestion
        state={suggestion}
        departmentName={departmentName}
        dueAt={fromLocalInput(due)}
        onUse={(iso) => setDue(toLocalInput(iso))}
      />
      {made && (
        <div className="notice notice-success notice-block" role="status">
          <span>Promise recorded: {made.commitment.what}.</span>
          {made.warnings.map((w) => (
            <span key={w.code}>{w.message}</span>
          ))}
        </div>
      )}
    </div>
  );
}
