// Sending a survey now: to one customer chosen by hand, or to a random sample of a segment.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { CopyButton } from '../../shared/copy-button.tsx';
import { NumberField, TextField } from '../../shared/fields.tsx';
import { CustomerPicker } from '../../shared/customer-picker.tsx';
import { ErrorNotice } from '../../shared/states.tsx';
import { plural } from '../../shared/format.ts';
import { useFormSubmit } from '../../shared/hooks.ts';
import type { Customer, Invitation, SampleResult, Survey } from '../../shared/types.ts';
import { HandPickedPill } from '../../shared/hand-picked.tsx';
import { sampleOf } from './survey-sending.ts';

export function HandInvite({ survey, onSent }: { survey: Survey; onSent: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Customer>();
  const [channel, setChannel] = useState<'link' | 'email'>('link');
  const [sent, setSent] = useState<Invitation>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = chosen ? {} : { customerId: 'Search for a customer and choose one' };
    if (chosen && channel === 'email' && !chosen.email) problems.channel = 'This customer has no e-mail address: send a link instead';
    await run(problems, async () => {
      const inv = await api<Invitation>(`/api/v1/surveys/${survey.id}/invitations`, {
        method: 'POST',
        body: { customerId: chosen!.id, channel },
      });
      setSent(inv);
      setChosen(undefined);
      onSent();
    });
  }

  return (
    <section className="card form-card" aria-labelledby="hand-heading">
      <h2 id="hand-heading" className="card-title">
        Invite a customer by hand
      </h2>
      <p className="section-description">
        The invitation is marked <strong>hand-picked</strong> and its answer is left out of headline scores unless you include hand-picked
        answers. The contact rule and unsubscribes still apply.
      </p>
      {sent && (
        <div className="notice notice-success notice-block" role="status">
          <p>
            <HandPickedPill /> Invitation sent{sent.channel === 'email' ? ' by e-mail' : ''}. Its answer is left out of headline scores
            unless hand-picked answers are included.
          </p>
          {sent.url && <p>{sent.channel === 'email' ? 'The answer link in the e-mail:' : 'Pass this answer link on to the customer:'}</p>}
          {sent.url && (
            <div className="secret-row secret-row-wrap">
              <label htmlFor="invitation-url" className="visually-hidden">
                Answer link
              </label>
              <input
                id="invitation-url"
                ref={urlRef}
                className="input input-mono"
                readOnly
                value={sent.url}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={sent.url} what="answer link" target={urlRef} />
            </div>
          )}
        </div>
      )}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        {/* A new search after each invitation sent. */}
        <CustomerPicker key={sent?.id} chosen={chosen} onChoose={setChosen} error={errors.customerId} />
        <fieldset className="field">
          <legend className="field-label">Send as</legend>
          <label className="radio">
            <input type="radio" name="channel" checked={channel === 'link'} onChange={() => setChannel('link')} />
            <span>A link you pass on yourself</span>
          </label>
          <label className="radio">
            <input type="radio" name="channel" checked={channel === 'email'} onChange={() => setChannel('email')} />
            <span>An e-mail from Kept</span>
          </label>
          {errors.channel && <p className="field-error">{errors.channel}</p>}
        </fieldset>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Sending…' : 'Send hand-picked invitation'}
        </button>
      </form>
    </section>
  );
}

export function SampleSend({ survey, onSent }: { survey: Survey; onSent: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [attribute, setAttribute] = useState('');
  const [value, setValue] = useState('');
  const [size, setSize] = useState('100');
  const [result, setResult] = useState<SampleResult>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { body, problems } = sampleOf(attribute, value, size);
    await run(problems, async () => {
      setResult(await api<SampleResult>(`/api/v1/surveys/${survey.id}/samples`, { method: 'POST', body }));
      onSent();
    });
  }

  return (
    <section className="card form-card" aria-labelledby="sample-heading">
      <h2 id="sample-heading" className="card-title">
        Send to a random sample
      </h2>
      <p className="section-description">
        E-mails the survey now to customers drawn at random, among those with an e-mail address whom the contact rule allows.
      </p>
      {result && (
        <div className="notice notice-success" role="status">
          {plural(result.scheduled, 'invitation')} scheduled, from {plural(result.eligible, 'eligible customer')}.
        </div>
      )}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        <TextField
          label="Segment attribute (optional)"
          hint="A customer attribute, e.g. plan. Empty: everyone."
          error={errors['segment.attribute'] ?? errors.segment}
          className="input input-mono"
          maxLength={64}
          spellCheck={false}
          autoCapitalize="off"
          value={attribute}
          onChange={(v) => setAttribute(v)}
        />
        <TextField
          label="Attribute value"
          hint="e.g. gold"
          error={errors['segment.value']}
          className="input"
          maxLength={200}
          value={value}
          onChange={(v) => setValue(v)}
        />
        <NumberField
          label="How many customers"
          error={errors.size}
          className="input input-narrow"
          min={1}
          max={100000}
          value={size}
          onChange={(v) => setSize(v)}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Drawing…' : 'Draw and send'}
        </button>
      </form>
    </section>
  );
}
