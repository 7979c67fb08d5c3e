// Who owns a case: the owner, the department and the severity, a form to reassign or change
// them (PATCH /api/v1/cases/{id}; Kept records each reassignment), and the assignment history.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../shared/api.ts';
import { initialsOf } from '../../../shared/format.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import type { CaseDetail, CaseSeverity, CaseUpdate, Department, User } from '../../../shared/types.ts';
import { SelectField, DepartmentField } from '../../../shared/fields.tsx';
import { ErrorNotice } from '../../../shared/states.tsx';
import { FormActions } from '../../../shared/form-actions.tsx';
import { SeverityField } from '../severity-field.tsx';
import { When } from '../../../shared/tip/when.tsx';

type Assignment = CaseDetail['assignments'][number];

const howWords: Record<Assignment['how'], string> = {
  round_robin: 'in turn',
  named: 'named when reported',
  reassigned: 'reassigned',
  unassigned: 'unassigned',
};

export function CaseOwner({
  detail,
  users,
  departments,
  onSaved,
}: {
  detail: CaseDetail;
  users: User[];
  departments: Department[];
  onSaved: (d: CaseDetail) => void;
}) {
  const [editing, setEditing] = useState(false);
  const owner = users.find((u) => u.id === detail.ownerId);
  const department = departments.find((d) => d.id === detail.departmentId);
  const history = [...detail.assignments].sort((a, b) => b.at.localeCompare(a.at));
  const userName = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? 'someone no longer listed') : 'nobody');
  const departmentName = (id: string | null) => (id ? (departments.find((d) => d.id === id)?.name ?? 'a department') : '');

  return (
    <section className="card case-section" aria-labelledby="owner-heading">
      <div className="card-head">
        <h2 id="owner-heading" className="card-title">
          Owner
        </h2>
        {detail.status === 'open' && !editing && (
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            Reassign<span className="visually-hidden"> the case or change its severity</span>
          </button>
        )}
      </div>
      {editing ? (
        <OwnerForm
          detail={detail}
          users={users}
          departments={departments}
          onCancel={() => setEditing(false)}
          onSaved={(d) => {
            setEditing(false);
            onSaved(d);
          }}
        />
      ) : (
        <dl className="details">
          <div>
            <dt>Owner</dt>
            <dd className="owner-line">
              {owner ? (
                <>
                  <span className="avatar avatar-tiny" aria-hidden="true">
                    {initialsOf(owner.name)}
                  </span>
                  {owner.name}
                </>
              ) : detail.ownerId ? (
                'Someone no longer listed'
              ) : (
                <span className="muted">Unassigned</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Department</dt>
            <dd>{department ? department.name : <span className="muted">None</span>}</dd>
          </div>
        </dl>
      )}
      {history.length > 0 && (
        <details className="assignment-history">
          <summary>Assignment history ({history.length})</summary>
          <ol>
            {history.map((a, i) => (
              <li key={`${a.at}-${i}`}>
                <span>
                  {a.how === 'unassigned' ? 'Unassigned' : `To ${userName(a.ownerId)}`}
                  {a.departmentId && `, ${departmentName(a.departmentId)}`} <span className="muted">({howWords[a.how]})</span>
                </span>
                <span className="muted">
                  {a.by ? `by ${a.by.name}, ` : ''}
                  <When at={a.at} />
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function OwnerForm({
  detail,
  users,
  departments,
  onCancel,
  onSaved,
}: {
  detail: CaseDetail;
  users: User[];
  departments: Department[];
  onCancel: () => void;
  onSaved: (d: CaseDetail) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [ownerId, setOwnerId] = useState(detail.ownerId ?? '');
  const [departmentId, setDepartmentId] = useState(detail.departmentId ?? '');
  const [severity, setSeverity] = useState<CaseSeverity>(detail.severity);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const change: CaseUpdate = {};
    if (ownerId !== (detail.ownerId ?? '')) change.ownerId = ownerId || null;
    if (departmentId !== (detail.departmentId ?? '')) change.departmentId = departmentId || null;
    if (severity !== detail.severity) change.severity = severity;
    if (Object.keys(change).length === 0) return onCancel();
    await run({}, async () => onSaved(await api<CaseDetail>(`/api/v1/cases/${detail.id}`, { method: 'PATCH', body: change })));
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <SelectField label="Owner" error={errors.ownerId} className="input select" value={ownerId} onChange={(v) => setOwnerId(v)}>
        <option value="">Unassigned</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </SelectField>
      <DepartmentField
        label="Department"
        error={errors.departmentId}
        value={departmentId}
        onChange={setDepartmentId}
        departments={departments}
        none="None"
      />
      <SeverityField error={errors.severity} value={severity} onChange={setSeverity} />
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
