// Invite a person: name, e-mail, role and departments; the API mails them a one-time link. A
// manager is offered the agent role and their own departments only (the API refuses the rest).
import { useRef, useState, type FormEvent } from 'react';
import type { Invited, TeamMember } from '../../../../contract/team.ts';
import type { Role } from '../../../../contract/common.ts';
import { api } from '../../shared/api.ts';
import { SelectField, TextField } from '../../shared/fields.tsx';
import { useFormSubmit } from '../../shared/hooks.ts';
import { ErrorNotice } from '../../shared/states.tsx';
import { DepartmentChoice } from './department-choice.tsx';
import { invitationProblems, roleHints, roleLabels } from './team-text.ts';

export function InviteForm({
  departments,
  roles,
  onInvited,
}: {
  departments: readonly { id: string; name: string }[];
  roles: readonly Role[];
  onInvited: (m: TeamMember, linkExpiresAt: string) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(invitationProblems({ name, email }), async () => {
      const r = await api<Invited>('/api/v1/team/invitations', {
        method: 'POST',
        body: { name: name.trim(), email: email.trim(), role, departmentIds },
      });
      onInvited(r.member, r.linkExpiresAt);
      setName('');
      setEmail('');
      setRole('agent');
      setDepartmentIds([]);
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <TextField label="Name" error={errors.name} className="input" maxLength={200} value={name} onChange={setName} />
      <TextField
        label="E-mail"
        hint="They get a link to set their password; it works once, for a week."
        error={errors.email}
        className="input"
        type="email"
        maxLength={320}
        autoComplete="off"
        value={email}
        onChange={setEmail}
      />
      <SelectField
        label="Role"
        hint={roleHints[role]}
        error={errors.role}
        className="input select"
        value={role}
        onChange={(v) => setRole(v as Role)}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabels[r]}
          </option>
        ))}
      </SelectField>
      <DepartmentChoice departments={departments} value={departmentIds} onChange={setDepartmentIds} error={errors.departmentIds} />
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? 'Inviting…' : 'Send invitation'}
      </button>
    </form>
  );
}
