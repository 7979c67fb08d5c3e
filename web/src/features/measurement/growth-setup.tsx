// Earned Growth's setup, for managers: the reporting currency, the events that say a customer was
// referred, and the revenue mappings (which events carry money, where the amount and currency are).
import { useState, type FormEvent } from 'react';
import type { GrowthSettings, RevenueMapping, RevenueMappingInput } from '../../../../contract/growth.ts';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { TextField } from '../../shared/fields.tsx';
import { ErrorNotice } from '../../shared/states.tsx';

export function GrowthSetup({ onSaved }: { onSaved: () => void }) {
  const { session } = useSession();
  const { state, reload } = useLoad('growth-setup', async (signal) => {
    const [settings, mappings] = await Promise.all([
      api<GrowthSettings>('/api/v1/settings/growth', { signal }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
      api<{ items: RevenueMapping[] }>('/api/v1/revenue-mappings', { signal }),
    ]);
    return { settings, mappings: mappings.items };
  });
  if (!hasRole(session.user.role, 'manager')) return null;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  if (state.status !== 'ready') return null;
  const done = () => {
    reload();
    onSaved();
  };
  return (
    <section className="card" aria-labelledby="growth-setup">
      <h2 id="growth-setup">Setup</h2>
      <SettingsForm settings={state.data.settings} onSaved={done} />
      <h3>Events that carry money</h3>
      {state.data.mappings.length === 0 ? (
        <p>None yet: map an event type such as invoice.paid (and refund.issued, negated).</p>
      ) : (
        <ul>
          {state.data.mappings.map((m) => (
            <li key={m.id}>
              <code className="code">{m.eventType}</code>: amount at <code className="code">{m.amountPath}</code>
              {m.amountUnit === 'minor' ? ' (in cents)' : ''}, currency {m.currency ?? `at ${m.currencyPath}`}
              {m.negate ? ', counted negative' : ''}{' '}
              <button
                type="button"
                className="button button-danger-ghost button-small"
                onClick={() => void api(`/api/v1/revenue-mappings/${m.id}`, { method: 'DELETE' }).then(done)}
              >
                Remove<span className="visually-hidden"> the mapping of {m.eventType}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <MappingForm onSaved={done} />
    </section>
  );
}

function SettingsForm({ settings, onSaved }: { settings: GrowthSettings | null; onSaved: () => void }) {
  const [currency, setCurrency] = useState(settings?.reportingCurrency ?? '');
  const first = settings?.acquisitionEvents[0];
  const [eventType, setEventType] = useState(first?.eventType ?? '');
  const [path, setPath] = useState(first?.path ?? '');
  const [values, setValues] = useState(first?.earnedValues.join(', ') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const earnedValues = values
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const body: GrowthSettings = {
      reportingCurrency: currency.trim().toUpperCase(),
      acquisitionEvents: eventType.trim() ? [{ eventType: eventType.trim(), path: path.trim(), earnedValues }] : [],
    };
    try {
      await api('/api/v1/settings/growth', { method: 'PUT', body });
      setErrors({});
      onSaved();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fieldErrors(), form: err.message } : { form: messageOf(err) });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      {errors.form && <p className="field-error">{errors.form}</p>}
      <TextField
        label="Reporting currency"
        hint="An ISO 4217 code, e.g. EUR"
        error={errors.reportingCurrency}
        className="input input-narrow"
        maxLength={3}
        value={currency}
        onChange={setCurrency}
      />
      <TextField
        label="Referral event type (optional)"
        hint="e.g. customer.signed_up"
        error={errors['acquisitionEvents.0.eventType']}
        className="input"
        value={eventType}
        onChange={setEventType}
      />
      <TextField
        label="Where its channel is"
        hint="e.g. source"
        error={errors['acquisitionEvents.0.path']}
        className="input"
        value={path}
        onChange={setPath}
      />
      <TextField
        label="Values that mean a referral"
        hint="Separated by commas, e.g. referral, recommendation"
        error={errors['acquisitionEvents.0.earnedValues']}
        className="input"
        value={values}
        onChange={setValues}
      />
      <button type="submit" className="button button-primary">
        Save
      </button>
    </form>
  );
}

function MappingForm({ onSaved }: { onSaved: () => void }) {
  const [m, setM] = useState({ eventType: '', amountPath: 'amount', unit: 'major', currency: '', currencyPath: 'currency', negate: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: RevenueMappingInput = {
      eventType: m.eventType.trim(),
      amountPath: m.amountPath.trim(),
      amountUnit: m.unit === 'minor' ? 'minor' : 'major',
      negate: m.negate,
      ...(m.currency.trim() ? { currency: m.currency.trim().toUpperCase() } : { currencyPath: m.currencyPath.trim() }),
    };
    try {
      await api('/api/v1/revenue-mappings', { method: 'PUT', body });
      setErrors({});
      onSaved();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fieldErrors(), form: err.message } : { form: messageOf(err) });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Map an event type">
      {errors.form && <p className="field-error">{errors.form}</p>}
      <TextField
        label="Event type"
        hint="e.g. invoice.paid"
        error={errors.eventType}
        className="input"
        value={m.eventType}
        onChange={(v) => setM({ ...m, eventType: v })}
      />
      <TextField
        label="Amount path"
        error={errors.amountPath}
        className="input"
        value={m.amountPath}
        onChange={(v) => setM({ ...m, amountPath: v })}
      />
      <label className="checkbox">
        <input type="checkbox" checked={m.unit === 'minor'} onChange={(e) => setM({ ...m, unit: e.target.checked ? 'minor' : 'major' })} />{' '}
        Amounts are in cents (minor units)
      </label>
      <TextField
        label="One currency for all (or leave empty)"
        hint="e.g. EUR"
        error={errors.currency}
        className="input input-narrow"
        maxLength={3}
        value={m.currency}
        onChange={(v) => setM({ ...m, currency: v })}
      />
      <TextField
        label="Otherwise, where the currency is"
        error={errors.currencyPath}
        className="input"
        value={m.currencyPath}
        onChange={(v) => setM({ ...m, currencyPath: v })}
      />
      <label className="checkbox">
        <input type="checkbox" checked={m.negate} onChange={(e) => setM({ ...m, negate: e.target.checked })} /> Count as negative (refunds)
      </label>
      <button type="submit" className="button">
        Save mapping
      </button>
    </form>
  );
}
