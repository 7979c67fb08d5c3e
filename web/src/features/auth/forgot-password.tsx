// Forgot the password: Kept mails a one-hour reset link to an active person with that address.
// The answer is the same whether or not the address has an account.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { TextField } from '../../shared/fields.tsx';
import { useDocumentTitle, useFormSubmit } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { ErrorNotice } from '../../shared/states.tsx';
import { AuthFrame } from './auth-frame.tsx';

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot your password');
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) problems.email = 'Enter an e-mail address like name@company.com';
    await run(problems, async () => {
      await api('/api/v1/password/reset', { method: 'POST', body: { email: email.trim() }, expectUnauthenticated: true });
      setSent(email.trim());
    });
  }

  const back = (
    <>
      Remembered it? <Link to="/sign-in">Sign in</Link>.
    </>
  );
  if (sent)
    return (
      <AuthFrame
        title="Check your mail"
        lede={`If ${sent} belongs to an active account, a link to set a new password is on its way. It works once, for an hour.`}
        footnote={back}
      >
        <Link to="/sign-in" className="button button-block">
          Back to sign in
        </Link>
      </AuthFrame>
    );
  return (
    <AuthFrame title="Forgot your password?" lede="Enter your e-mail address and Kept mails you a link to set a new one." footnote={back}>
      {failure && <ErrorNotice message={failure} />}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        <TextField
          label="E-mail"
          error={errors.email}
          className="input"
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          onChange={setEmail}
        />
        <button type="submit" className="button button-primary button-block" aria-disabled={busy}>
          {busy ? 'Sending…' : 'Mail me a link'}
        </button>
      </form>
    </AuthFrame>
  );
}
