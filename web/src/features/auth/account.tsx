// Your account: who you are, and your password changed with the current one (your other
// sessions end; this one stays).
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { TextField } from '../../shared/fields.tsx';
import { FormActions } from '../../shared/form-actions.tsx';
import { useDocumentTitle, useFormSubmit } from '../../shared/hooks.ts';
import { useSession } from '../../shared/session.ts';
import { ErrorNotice, PageHeader } from '../../shared/states.tsx';
import { newPasswordProblems, roleLabels } from '../team/team-text.ts';

export function AccountPage() {
  const { session } = useSession();
  useDocumentTitle(`Your account · ${session.user.name}`);
  const form = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [note, setNote] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNote('');
    const problems = current ? newPasswordProblems(password, repeat, 'newPassword') : { currentPassword: 'Enter your current password' };
    await run(problems, async () => {
      await api('/api/v1/session/password', { method: 'PUT', body: { currentPassword: current, newPassword: password } });
      setCurrent('');
      setPassword('');
      setRepeat('');
      setNote('Password changed. Your other sessions have ended.');
    });
  }

  return (
    <div className="page">
      <PageHeader title="Your account" description={`${session.user.name}, ${session.user.email} · ${roleLabels[session.user.role]}`} />
      <section className="card form-card" aria-labelledby="password-title">
        <h2 id="password-title" className="card-title">
          Change your password
        </h2>
        <form ref={form} onSubmit={submit} noValidate className="stack">
          {failure && <ErrorNotice message={failure} />}
          <TextField
            label="Current password"
            error={errors.currentPassword}
            className="input"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
          />
          <TextField
            label="New password"
            hint="At least 10 characters."
            error={errors.newPassword}
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
          />
          <TextField
            label="Repeat the new password"
            error={errors.repeat}
            className="input"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={setRepeat}
          />
          <FormActions busy={busy} label="Change password" note={note} />
        </form>
      </section>
    </div>
  );
}
