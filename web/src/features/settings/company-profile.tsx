// Settings → Company: who customers meet instead of Kept. The company's name, logo, colour,
// sender, reply-to, signature, language and time zone, used by every mail and page a customer
// sees. The same form is the first-run screen: until an admin saves it once, admins are asked to.
import { useRef, useState, type FormEvent } from 'react';
import { companyProfileProblems, type CompanyProfile, type CompanyProfileInput } from '../../../../contract/company-profile.ts';
import { api, messageOf } from '../../shared/api.ts';
import { TextAreaField, TextField } from '../../shared/fields.tsx';
import { FormActions } from '../../shared/form-actions.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { SettingsNav } from './settings-nav.tsx';
import { skipCompanyPrompt } from '../../shared/company-prompt.tsx';

const fields = [
  ['companyName', 'Company name', 'What customers know you by: it opens every mail and heads every page they see.'],
  ['logoUrl', 'Logo address (optional)', 'An https:// address of your logo; without one, the name is shown.'],
  ['brandColour', 'Brand colour (optional)', 'A colour like #0f5132 for buttons and the top of mails and pages.'],
  ['senderName', 'Sender name (optional)', 'The name customers’ mail comes from; the company name when empty.'],
  ['senderAddress', 'Sender address (optional)', 'The address mail comes from; the server’s address when empty.'],
  [
    'replyTo',
    'Reply-to address (optional)',
    'Where customers’ replies go. Forward it to the inbound mail path so replies reach their case.',
  ],
  ['defaultLocale', 'Default language', 'For customers whose language is unknown, e.g. en, en-GB, fr or de.'],
  ['timeZone', 'Time zone', 'Times customers read, when theirs is unknown, e.g. Europe/Berlin.'],
] as const;
type Key = (typeof fields)[number][0] | 'signature';

const valuesOf = (p: CompanyProfile): Record<Key, string> => ({
  companyName: p.companyName,
  logoUrl: p.logoUrl ?? '',
  brandColour: p.brandColour ?? '',
  senderName: p.senderName ?? '',
  senderAddress: p.senderAddress ?? '',
  replyTo: p.replyTo ?? '',
  defaultLocale: p.defaultLocale,
  timeZone: p.timeZone,
  signature: p.signature ?? '',
});

export function CompanyProfilePage() {
  useDocumentTitle('Company profile');
  const profile = useLoad('company-profile', (signal) => api<CompanyProfile>('/api/v1/settings/company', { signal }));
  return (
    <div className="page">
      <SettingsNav />
      <PageHeader title="Company profile" description="Customers never meet Kept: every mail and page they see speaks as your company." />
      {profile.state.status === 'loading' && <Loading label="Loading the company profile…" />}
      {profile.state.status === 'error' && <ErrorNotice message={messageOf(profile.state.error)} onRetry={profile.reload} />}
      {profile.state.status === 'ready' && <CompanyProfileForm profile={profile.state.data} onSaved={(p) => profile.update(() => p)} />}
    </div>
  );
}

/** The first-run screen: shown to admins until the profile is saved once. */
export function CompanyFirstRun({ onDone }: { onDone: () => void }) {
  useDocumentTitle('Tell customers who you are');
  const profile = useLoad('company-profile', (signal) => api<CompanyProfile>('/api/v1/settings/company', { signal }));
  return (
    <div className="page">
      <PageHeader
        title="Tell customers who you are"
        description="Before the first mail goes out: the name, look and sender your customers will see. You can change it later in Settings."
      />
      {profile.state.status === 'loading' && <Loading label="Loading the company profile…" />}
      {profile.state.status === 'error' && <ErrorNotice message={messageOf(profile.state.error)} onRetry={profile.reload} />}
      {profile.state.status === 'ready' && (
        <CompanyProfileForm profile={profile.state.data} onSaved={onDone} saveLabel="Save and continue" />
      )}
      <p>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => {
            skipCompanyPrompt();
            onDone();
          }}
        >
          Not now
        </button>
      </p>
    </div>
  );
}

function CompanyProfileForm({
  profile,
  onSaved,
  saveLabel,
}: {
  profile: CompanyProfile;
  onSaved: (p: CompanyProfile) => void;
  saveLabel?: string;
}) {
  const { session, companyNamed } = useSession();
  const admin = hasRole(session.user.role, 'admin');
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(valuesOf(profile));
  const [poweredBy, setPoweredBy] = useState(profile.poweredBy);
  const [saved, setSaved] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const body: CompanyProfileInput = {
      companyName: values.companyName.trim(),
      logoUrl: values.logoUrl.trim() || null,
      brandColour: values.brandColour.trim() || null,
      senderName: values.senderName.trim() || null,
      senderAddress: values.senderAddress.trim() || null,
      replyTo: values.replyTo.trim() || null,
      signature: values.signature.trim() || null,
      defaultLocale: values.defaultLocale.trim(),
      timeZone: values.timeZone.trim(),
      poweredBy,
    };
    const problems = Object.fromEntries(companyProfileProblems(body).map((p) => [p.path[0], p.message]));
    await run(problems, async () => {
      const p = await api<CompanyProfile>('/api/v1/settings/company', { method: 'PATCH', body });
      setSaved('Company profile saved');
      companyNamed(p.companyName);
      onSaved(p);
    });
  }

  return (
    <section className="card form-card" aria-labelledby="company-heading">
      <h2 id="company-heading" className="card-title">
        {profile.companyName}
      </h2>
      {!profile.confirmed && (
        <p className="notice notice-info">Not yet confirmed: check these and save, so customers meet your company as you want.</p>
      )}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        {fields.map(([key, label, hint]) => (
          <TextField
            key={key}
            label={label}
            hint={hint}
            error={errors[key]}
            className="input"
            value={values[key]}
            disabled={!admin}
            onChange={(v) => setValues({ ...values, [key]: v })}
          />
        ))}
        <TextAreaField
          label="Signature (optional)"
          hint="A few lines under every message to a customer."
          error={errors.signature}
          className="input"
          rows={3}
          value={values.signature}
          disabled={!admin}
          onChange={(v) => setValues({ ...values, signature: v })}
        />
        <label className="checkbox">
          <input type="checkbox" checked={poweredBy} disabled={!admin} onChange={(e) => setPoweredBy(e.target.checked)} /> Show “Powered by
          Kept” at the foot of customer mail and pages
        </label>
        {admin ? <FormActions busy={busy} note={saved} label={saveLabel} /> : <p className="field-hint">Only admins change these.</p>}
      </form>
    </section>
  );
}
