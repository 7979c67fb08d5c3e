// Sign-in: e-mail and password, with the API's own words when it says no. The workspace
// field appears only when the e-mail belongs to several workspaces.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { TextField } from '../../shared/fields.tsx';
import { LogoMark } from '../../shared/icons.tsx';
import { useDocumentTitle, useFormSubmit } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import type { Session } from '../../shared/types.ts';
import { ErrorNotice } from '../../shared/states.tsx';

export function SignInPage({ notice, onSignedIn }: { notice?: string; onSignedIn: (session: Session) => void }) {
  useDocumentTitle('Sign in');
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [askWorkspace, setAskWorkspace] = useState(false);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = 'Enter your e-mail address';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) missing.email = 'Enter an e-mail address like name@company.com';
    if (!password) missing.password = 'Enter your password';
    await run(
      missing,
      async () => {
        const body = { email: email.trim(), password, ...(askWorkspace && workspace.trim() ? { workspace: workspace.trim() } : {}) };
        onSignedIn(await api<Session>('/api/v1/session', { method: 'POST', body, expectUnauthenticated: true }));
      },
      (fields) => fields.workspace && setAskWorkspace(true),
    );
  }

  return (
    <main className="auth">
      <div className="auth-panel">
        <div className="auth-brand">
          <LogoMark />
          <span>Kept</span>
        </div>
        <div className="card auth-card">
          <h1 className="auth-title">Sign in to Kept</h1>
          <p className="auth-lede">Use the e-mail and password your admin gave you.</p>
          {notice && !failure && (
            <div className="notice notice-info" role="status">
              {notice}
            </div>
          )}
          {failure && <ErrorNotice message={failure} />}
          <form ref={form} onSubmit={submit} noValidate className="stack">
            <TextField
              label="E-mail"
              error={errors.email}
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              autoFocus
              value={email}
              onChange={(v) => setEmail(v)}
            />
            <TextField
              label="Password"
              error={errors.password}
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(v) => setPassword(v)}
            />
            {askWorkspace && (
              <TextField
                label="Workspace"
                hint="The short name of the workspace, e.g. default"
                error={errors.workspace}
                className="input"
                name="workspace"
                value={workspace}
                onChange={(v) => setWorkspace(v)}
              />
            )}
            <button type="submit" className="button button-primary button-block" aria-disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </div>
        <p className="auth-footnote">
          <Link to="/forgot-password">Forgot your password?</Link> No account yet? Ask an admin to invite you from the Team page.
        </p>
      </div>
    </main>
  );
}
