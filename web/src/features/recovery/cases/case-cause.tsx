// The cause a case is linked to (a root cause that may have touched other customers), with a
// way to link one, change it or unlink it (PATCH /api/v1/cases/{id} with causeId).
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../shared/api.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import { Link } from '../../../shared/router.tsx';
import type { CaseDetail } from '../../../shared/types.ts';
import { SelectField } from '../../../shared/fields.tsx';
import { ErrorNotice } from '../../../shared/states.tsx';
import { FormActions } from '../../../shared/form-actions.tsx';

export function CaseCause({
  detail,
  causes,
  causesReady,
  onSaved,
}: {
  detail: CaseDetail;
  causes: { id: string; title: string }[];
  causesReady: boolean;
  onSaved: (d: CaseDetail) => void;
}) {
  const [editing, setEditing] = useState(false);
  const linked = causes.find((c) => c.id === detail.causeId);
  return (
    <section className="card case-section" aria-labelledby="cause-heading">
      <div className="card-head">
        <h2 id="cause-heading" className="card-title">
          Cause
        </h2>
        {!editing && (
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            {detail.causeId ? 'Change' : 'Link a cause'}
            {detail.causeId && <span className="visually-hidden"> the cause</span>}
          </button>
        )}
      </div>
      {editing ? (
        <CauseForm
          detail={detail}
          causes={causes}
          onCancel={() => setEditing(false)}
          onSaved={(d) => {
            setEditing(false);
            onSaved(d);
          }}
        />
      ) : detail.causeId ? (
        <p>
          <Link to={`/causes/${detail.causeId}`}>{linked?.title ?? (causesReady ? 'The linked cause' : 'Loading…')}</Link>
          <span className="muted"> groups this case with every other customer it touched.</span>
        </p>
      ) : (
        <p className="muted">
          Not linked. Link a cause when the same root cause may have touched other customers: the cause finds them all.
        </p>
      )}
    </section>
  );
}

function CauseForm({
  detail,
  causes,
  onCancel,
  onSaved,
}: {
  detail: CaseDetail;
  causes: { id: string; title: string }[];
  onCancel: () => void;
  onSaved: (d: CaseDetail) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [causeId, setCauseId] = useState(detail.causeId ?? '');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (causeId === (detail.causeId ?? '')) return onCancel();
    await run({}, async () =>
      onSaved(await api<CaseDetail>(`/api/v1/cases/${detail.id}`, { method: 'PATCH', body: { causeId: causeId || null } })),
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <SelectField
        label="Cause"
        hint={
          <>
            Not listed? <Link to="/causes">Record the cause</Link> first.
          </>
        }
        error={errors.causeId}
        className="input select"
        value={causeId}
        onChange={(v) => setCauseId(v)}
      >
        <option value="">No cause</option>
        {causes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </SelectField>
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
