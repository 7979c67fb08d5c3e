// A survey's triggers: "send N hours after an event of type X", listed and added.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { NumberField, TextField } from '../../shared/fields.tsx';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import { useFormSubmit, useLoad } from '../../shared/hooks.ts';
import type { Survey, Trigger } from '../../shared/types.ts';
import { delayText, triggerOf } from './survey-sending.ts';

export function Triggers({ survey, canChange }: { survey: Survey; canChange: boolean }) {
  const triggers = useLoad(`triggers|${survey.id}`, (signal) =>
    api<{ items: Trigger[] }>(`/api/v1/surveys/${survey.id}/triggers`, { signal }).then((r) => r.items),
  );
  const [removing, setRemoving] = useState<Trigger>();
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  async function remove(t: Trigger) {
    setRemoveBusy(true);
    setRemoveError(undefined);
    try {
      await api(`/api/v1/surveys/${survey.id}/triggers/${t.id}`, { method: 'DELETE' });
      triggers.update((list) => list.filter((x) => x.id !== t.id));
      setAnnouncement(`Trigger on ${t.eventType} removed`);
      setRemoving(undefined);
      requestAnimationFrame(() => heading.current?.focus()); // its Remove button is gone
    } catch (err) {
      setRemoveError(messageOf(err));
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <section className="card form-card" aria-labelledby="triggers-heading">
      <h2 id="triggers-heading" className="card-title" ref={heading} tabIndex={-1}>
        Triggers
      </h2>
      <p className="section-description">
        Each event of the type sends this survey by e-mail after the delay. Sampling, the contact rule and unsubscribes apply when it is
        due.
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {triggers.state.status === 'loading' && <Loading label="Loading triggers…" />}
      {triggers.state.status === 'error' && <ErrorNotice message={messageOf(triggers.state.error)} onRetry={triggers.reload} />}
      {triggers.state.status === 'ready' &&
        (triggers.state.data.length === 0 ? (
          <p className="muted">No triggers: this survey goes out only by hand, by sample or through the widget.</p>
        ) : (
          <ul className="trigger-list">
            {triggers.state.data.map((t) => (
              <li key={t.id} className="trigger">
                <span>
                  Send {delayText(t.delayHours)} an event of type <code className="code">{t.eventType}</code>
                </span>
                {canChange && (
                  <button type="button" className="button button-danger-ghost button-small" onClick={() => setRemoving(t)}>
                    Remove<span className="visually-hidden"> the trigger on {t.eventType}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      {canChange && <TriggerForm survey={survey} onAdded={(t) => triggers.update((list) => [...list, t])} />}
      <ConfirmDialog
        open={!!removing}
        title={`Stop sending after ${removing?.eventType ?? ''}?`}
        confirmLabel="Remove trigger"
        busy={removeBusy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => {
          setRemoving(undefined);
          setRemoveError(undefined);
        }}
      >
        <p>New events of this type no longer send the survey. Invitations it already scheduled still go out.</p>
        {removeError && (
          <p className="field-error" role="alert">
            {removeError}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
function TriggerForm({ survey, onAdded }: { survey: Survey; onAdded: (t: Trigger) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [eventType, setEventType] = useState('');
  const [delay, setDelay] = useState('24');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { body, problems } = triggerOf(eventType, delay);
    await run(problems, async () => {
      onAdded(
        await api<Trigger>(`/api/v1/surveys/${survey.id}/triggers`, {
          method: 'POST',
          body,
        }),
      );
      setEventType('');
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="trigger-form">
      <h3 className="subsection-title">Add a trigger</h3>
      {failure && <ErrorNotice message={failure} />}
      <div className="sentence-form">
        <NumberField
          label="Hours after the event"
          hint="24 is a day; 0 sends at once."
          error={errors.delayHours}
          className="input input-narrow"
          min={0}
          max={8760}
          value={delay}
          onChange={(v) => setDelay(v)}
        />
        <TextField
          label="Event type"
          hint="As events send it, e.g. order.delivered"
          error={errors.eventType}
          className="input input-mono"
          maxLength={100}
          spellCheck={false}
          autoCapitalize="off"
          placeholder="order.delivered"
          value={eventType}
          onChange={(v) => setEventType(v)}
        />
        <button type="submit" className="button button-primary sentence-form-submit" aria-disabled={busy}>
          {busy ? 'Adding…' : 'Add trigger'}
        </button>
      </div>
    </form>
  );
}
