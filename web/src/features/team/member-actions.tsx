// What an admin does to one person: change their role and departments, mail a new invitation
// link, or deactivate them (their sessions end, tokens are revoked, open work is handed over).
import { useRef, useState, type FormEvent } from 'react';
import type { HandOver, TeamMember } from '../../../../contract/team.ts';
import type { Role } from '../../../../contract/common.ts';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { SelectField } from '../../shared/fields.tsx';
import { FormActions } from '../../shared/form-actions.tsx';
import { FormDialog } from '../../shared/form-dialog.tsx';
import { formatDateTimeLong } from '../../shared/format.ts';
import { useFormSubmit } from '../../shared/hooks.ts';
import { ErrorNotice } from '../../shared/states.tsx';
import { DepartmentChoice } from './department-choice.tsx';
import { handOverText, roleHints, roleLabels } from './team-text.ts';

export function MemberDialog({
  member,
  departments,
  onClose,
  onSaved,
}: {
  member: TeamMember;
  departments: readonly { id: string; name: string }[];
  onClose: () => void;
  onSaved: (m: TeamMember) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [role, setRole] = useState<Role>(member.role);
  const [departmentIds, setDepartmentIds] = useState<string[]>(member.departmentIds);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run({}, async () => {
      onSaved(await api<TeamMember>(`/api/v1/team/${encodeURIComponent(member.id)}`, { method: 'PATCH', body: { role, departmentIds } }));
    });
  }

  return (
    <FormDialog open title={`Change ${member.name}`} description={member.email} onClose={onClose}>
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        <SelectField
          label="Role"
          hint={roleHints[role]}
          error={errors.role}
          className="input select"
          value={role}
          onChange={(v) => setRole(v as Role)}
        >
          {(Object.keys(roleLabels) as Role[]).map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </SelectField>
        <DepartmentChoice departments={departments} value={departmentIds} onChange={setDepartmentIds} error={errors.departmentIds} />
        <FormActions busy={busy} onCancel={onClose} />
      </form>
    </FormDialog>
  );
}

export function ReinviteButton({ member, onDone }: { member: TeamMember; onDone: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  async function send() {
    if (busy) return;
    setBusy(true);
    try {
      const r = await api<{ linkExpiresAt: string }>(`/api/v1/team/${encodeURIComponent(member.id)}/invitation`, { method: 'POST' });
      onDone(
        `A new link is on its way to ${member.email}, good until ${formatDateTimeLong(r.linkExpiresAt)}. Earlier links no longer work.`,
      );
    } catch (err) {
      onDone(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" className="button button-small" aria-disabled={busy} onClick={() => void send()}>
      {busy ? 'Sending…' : 'Send a new link'}
      <span className="visually-hidden"> to {member.name}</span>
    </button>
  );
}

export function DeactivateDialog({
  member,
  team,
  onClose,
  onDone,
}: {
  member: TeamMember;
  team: readonly TeamMember[];
  onClose: () => void;
  onDone: (m: TeamMember, text: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  async function confirm() {
    setBusy(true);
    setFailure(undefined);
    try {
      const h = await api<HandOver>(`/api/v1/team/${encodeURIComponent(member.id)}/deactivation`, { method: 'POST' });
      onDone(h.member, handOverText(h, team));
    } catch (err) {
      setFailure(messageOf(err));
      setBusy(false);
    }
  }
  return (
    <ConfirmDialog
      open
      title={`Deactivate ${member.name}?`}
      confirmLabel="Deactivate"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      {failure && <ErrorNotice message={failure} />}
      <p>
        {member.name} can no longer sign in: their sessions end and the API tokens they made stop working at once. Their open cases and
        promises go to the next person in their department&rsquo;s rotation, and each case&rsquo;s timeline records it.
      </p>
    </ConfirmDialog>
  );
}
