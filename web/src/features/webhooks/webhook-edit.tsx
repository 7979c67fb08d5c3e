// Changing a webhook's URL, event types and description.
import { useRef, useState, type FormEvent } from 'react';
import type { Webhook } from '../../../../contract/webhooks.ts';
import { api } from '../../shared/api.ts';
import { TextField } from '../../shared/fields.tsx';
import { ErrorNotice } from '../../shared/states.tsx';
import { useFormSubmit } from '../../shared/hooks.ts';
import { TypeSuggestions } from './webhooks.tsx';
import { parseTypes, withType } from './webhook-text.ts';

export function EditForm({ webhook, onSaved }: { webhook: Webhook; onSaved: (w: Webhook) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [url, setUrl] = useState(webhook.url);
  const [types, setTypes] = useState(webhook.eventTypes.join(', '));
  const [description, setDescription] = useState(webhook.description ?? '');
  const [saved, setSaved] = useState(false);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const problems: Record<string, string> = parseTypes(types).length ? {} : { eventTypes: 'At least one event type' };
    await run(problems, async () => {
      const body = { url: url.trim(), eventTypes: parseTypes(types), description: description.trim() || null };
      onSaved(await api<Webhook>(`/api/v1/webhooks/${webhook.id}`, { method: 'PATCH', body }));
      setSaved(true);
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <TextField label="URL" error={errors.url} className="input" type="url" value={url} onChange={(v) => setUrl(v)} />
      <TextField
        label="Event types"
        hint="A type, a prefix like case.*, or * for every event"
        error={errors.eventTypes}
        className="input input-mono"
        value={types}
        onChange={(v) => setTypes(v)}
      />
      <TypeSuggestions onPick={(t) => setTypes((s) => withType(s, t))} />
      <TextField
        label="Description"
        error={errors.description}
        className="input"
        maxLength={500}
        value={description}
        onChange={(v) => setDescription(v)}
      />
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <p role="status" className="muted">
        {saved ? 'Saved.' : ''}
      </p>
    </form>
  );
}
