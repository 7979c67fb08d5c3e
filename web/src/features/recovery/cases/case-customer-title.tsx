// What the customer reads about the case, beside the team's internal summary: staff see both and
// can write the customer's own (every message's {caseTitle} is this one), or go back to the default.
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../../shared/api.ts';
import type { CaseDetail } from '../../../shared/types.ts';

export function CaseCustomerTitle({ detail, onSaved }: { detail: CaseDetail; onSaved: (d: CaseDetail, what: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(detail.customerTitleSet ? detail.customerTitle : '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function save(customerTitle: string | null) {
    setBusy(true);
    setError(undefined);
    try {
      const d = await api<CaseDetail>(`/api/v1/cases/${detail.id}`, { method: 'PATCH', body: { customerTitle } });
      setEditing(false);
      onSaved(d, 'The title the customer reads is saved');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!value.trim()) return setError('Write the title, or use the default');
    void save(value.trim());
  }

  if (!editing) {
    return (
      <p className="page-description">
        The customer reads: “{detail.customerTitle}”{detail.customerTitleSet ? '' : ' (the default)'}{' '}
        <button type="button" className="button button-ghost" onClick={() => setEditing(true)}>
          Change
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="stack">
      <label htmlFor="customer-title">What the customer reads about this case</label>
      <input
        id="customer-title"
        className="input"
        maxLength={120}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'customer-title-error' : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      {error && (
        <p id="customer-title-error" className="field-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          Save
        </button>
        {detail.customerTitleSet && (
          <button type="button" className="button button-ghost" onClick={() => void save(null)}>
            Use the default
          </button>
        )}
        <button type="button" className="button button-ghost" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
