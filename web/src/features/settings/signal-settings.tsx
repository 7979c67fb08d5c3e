// Settings → Surveys: the contact rule (at most one invitation per customer per N days, across
// all surveys), the reminder, how long links stay open, and, for admins, the widget secret that
// customers' sites sign externalIds with.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { CopyButton } from '../../shared/copy-button.tsx';
import { NumberField } from '../../shared/fields.tsx';
import { EyeIcon, EyeOffIcon, RefreshIcon } from '../../shared/icons.tsx';
import { SettingsNav } from './settings-nav.tsx';
import { ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { plural } from '../../shared/format.ts';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import type { SignalSettings } from '../../shared/types.ts';
import { FormActions } from '../../shared/form-actions.tsx';

const limits = {
  contactDays: { min: 0, max: 365 },
  reminderDays: { min: 0, max: 60 },
  expiryDays: { min: 1, max: 365 },
} as const;
type Key = keyof typeof limits;

export function SignalSettingsPage() {
  useDocumentTitle('Survey settings');
  const { session } = useSession();
  const admin = hasRole(session.user.role, 'admin');
  const settings = useLoad('signal-settings', (signal) => api<SignalSettings>('/api/v1/settings/signals', { signal }));

  return (
    <div className="page">
      <SettingsNav />
      <PageHeader title="Survey settings" description="How often customers are asked, and how the widget proves who they are." />
      {settings.state.status === 'loading' && <Loading label="Loading settings…" />}
      {settings.state.status === 'error' && <ErrorNotice message={messageOf(settings.state.error)} onRetry={settings.reload} />}
      {settings.state.status === 'ready' && (
        <div className="settings-stack">
          {admin ? (
            <RulesForm settings={settings.state.data} onSaved={(s) => settings.update(() => s)} />
          ) : (
            <RulesView settings={settings.state.data} />
          )}
          {admin && settings.state.data.widgetSecret !== undefined && (
            <WidgetSecret secret={settings.state.data.widgetSecret} onRotated={(s) => settings.update(() => s)} />
          )}
        </div>
      )}
    </div>
  );
}

function RulesView({ settings: s }: { settings: SignalSettings }) {
  return (
    <section className="card form-card" aria-labelledby="rules-heading">
      <h2 id="rules-heading" className="card-title">
        Surveys
      </h2>
      <dl className="details">
        <div>
          <dt>Contact rule</dt>
          <dd>
            {s.contactDays === 0 ? 'Off: no limit' : `At most one survey invitation per customer every ${plural(s.contactDays, 'day')}`}
          </dd>
        </div>
        <div>
          <dt>Reminder</dt>
          <dd>{s.reminderDays === 0 ? 'None' : `One reminder after ${plural(s.reminderDays, 'day')} without an answer`}</dd>
        </div>
        <div>
          <dt>Links stay open</dt>
          <dd>{plural(s.expiryDays, 'day')}</dd>
        </div>
      </dl>
      <p className="field-hint">Only admins change these.</p>
    </section>
  );
}

function RulesForm({ settings, onSaved }: { settings: SignalSettings; onSaved: (s: SignalSettings) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<Key, string>>({
    contactDays: String(settings.contactDays),
    reminderDays: String(settings.reminderDays),
    expiryDays: String(settings.expiryDays),
  });
  const [saved, setSaved] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const problems: Record<string, string> = {};
    for (const key of Object.keys(limits) as Key[]) {
      const { min, max } = limits[key];
      const n = Number(values[key]);
      if (!/^\d+$/.test(values[key].trim()) || n < min || n > max) problems[key] = `Enter whole days from ${min} to ${max}`;
    }
    await run(problems, async () => {
      const body = Object.fromEntries((Object.keys(limits) as Key[]).map((k) => [k, Number(values[k])]));
      onSaved(await api<SignalSettings>('/api/v1/settings/signals', { method: 'PATCH', body }));
      setSaved('Settings saved');
    });
  }

  const number = (key: Key, label: string, hint: string) => (
    <NumberField
      label={label}
      hint={hint}
      error={errors[key]}
      className="input input-narrow"
      min={limits[key].min}
      max={limits[key].max}
      value={values[key]}
      onChange={(v) => setValues({ ...values, [key]: v })}
    />
  );

  return (
    <section className="card form-card" aria-labelledby="rules-heading">
      <h2 id="rules-heading" className="card-title">
        Surveys
      </h2>
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        {number(
          'contactDays',
          'Contact rule (days)',
          'A customer gets at most one survey invitation per this many days, across all surveys. 0 turns the rule off.',
        )}
        {number(
          'reminderDays',
          'Reminder after (days)',
          'One reminder when an e-mail invitation has no answer after this many days. 0 sends none.',
        )}
        {number('expiryDays', 'Links stay open (days)', 'How long an invitation link takes answers. From 1 to 365.')}
        <FormActions busy={busy} note={saved} />
      </form>
    </section>
  );
}

function WidgetSecret({ secret, onRotated }: { secret: string; onRotated: (s: SignalSettings) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [rotated, setRotated] = useState(false);

  async function rotate() {
    setBusy(true);
    setError(undefined);
    try {
      onRotated(await api<SignalSettings>('/api/v1/settings/signals/widget-secret', { method: 'POST' }));
      setConfirming(false);
      setRotated(true);
      setShown(true);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form-card" aria-labelledby="secret-heading">
      <h2 id="secret-heading" className="card-title">
        Widget secret
      </h2>
      <p className="section-description">
        Your site’s server signs each customer’s external ID with this secret (hex HMAC-SHA256), so the widget cannot be used to answer as
        someone else. Keep it on your server; never put it in a web page.
      </p>
      {rotated && (
        <div className="notice notice-success" role="status">
          A new secret is in place. Signatures made with the old one no longer work: update your site’s server now.
        </div>
      )}
      <div className="secret-row">
        <label htmlFor="widget-secret" className="visually-hidden">
          Widget secret
        </label>
        <input
          id="widget-secret"
          ref={input}
          className="input input-mono"
          type={shown ? 'text' : 'password'}
          readOnly
          value={secret}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
          {shown ? <EyeOffIcon /> : <EyeIcon />}
          {shown ? 'Hide' : 'Reveal'}
          <span className="visually-hidden"> the widget secret</span>
        </button>
        <CopyButton text={secret} what="widget secret" target={input} onBlocked={() => setShown(true)} />
        <button type="button" className="button button-danger-ghost" onClick={() => setConfirming(true)}>
          <RefreshIcon /> Rotate
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Replace the widget secret?"
        confirmLabel="Rotate secret"
        busy={busy}
        onConfirm={() => void rotate()}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      >
        <p>
          Signatures made with the current secret stop working at once: the widget shows nothing until your site signs with the new one.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
