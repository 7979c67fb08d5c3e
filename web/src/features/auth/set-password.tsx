// Set a password from an invitation or reset link (/set-password#token=...): the secret is in
// the fragment, so it reaches no server log; it works once. Then sign in with the new password.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { TextField } from '../../shared/fields.tsx';
import { useDocumentTitle, useFormSubmit } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { ErrorNotice } from '../../shared/states.tsx';
import { newPasswordProblems } from '../team/team-text.ts';
import { AuthFrame } from './auth-frame.tsx';

const tokenFromHash = () => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

export function SetPasswordPage() {
  useDocumentTitle('Set your password');
  const [token] = useState(tokenFromHash);
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(newPasswordProblems(password, repeat), async () => {
      await api('/api/v1/password', { method: 'POST', body: { token, password }, expectUnauthenticated: true });
      // The secret has done its work: keep it out of the address bar and history.
      window.history.replaceState(null, '', '/set-password');
      setDone(true);
    });
  }

  if (!token)
    return (
      <AuthFrame title="This link is incomplete" lede="Open the link from your mail again, or ask for a new one.">
        <Link to="/forgot-password" className="button button-primary button-block">
          Ask for a new link
        </Link>
      </AuthFrame>
    );
  if (done)
    return (
      <AuthFrame title="Your password is set" lede="Sign in with your e-mail address and the password you just chose.">
        <Link to="/sign-in" className="button button-primary button-block">
          Sign in
        </Link>
      </AuthFrame>
    );
  return (
    <AuthFrame
      title="Set your password"
      lede="Choose a password of at least 10 characters. The link works once."
      footnote={
        <>
          Link expired? <Link to="/forgot-password">Ask for a new one</Link>.
        </>
      }
    >
      {failure && <ErrorNotice message={failure} />}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        <TextField
          label="New password"
          error={errors.password}
          className="input"
          type="password"
          name="new-password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={setPassword}
        />
        <TextField
          label="Repeat the password"
          error={errors.repeat}
          className="input"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
        />
        <button type="submit" className="button button-primary button-block" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Set password'}
        </button>
      </form>
    </AuthFrame>
  );
}
