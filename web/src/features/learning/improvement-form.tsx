// The dialog that records an improvement: its title, what changed, and what each customer who
// raised it will be told, in English, French and German (at least one; a customer reads theirs,
// else English). The limits are the API's (improvementInputSchema), and the API's own problems
// land beside their fields. Opened with `feedback`, the new improvement holds those items.
import { useRef, useState } from 'react';
import type { Improvement } from '../../../../contract/learning-review.ts';
import type { ItemRef } from '../../../../contract/learning.ts';
import { api } from '../../shared/api.ts';
import { FormActions } from '../../shared/form-actions.tsx';
import { FormDialog } from '../../shared/form-dialog.tsx';
import { TextAreaField, TextField } from '../../shared/fields.tsx';
import { useFormSubmit } from '../../shared/hooks.ts';

export const toldLocales = [
  ['en', 'English'],
  ['fr', 'French'],
  ['de', 'German'],
] as const;
type Locale = (typeof toldLocales)[number][0];
const limits = { title: 200, description: 5000, told: 2000 } as const;

/** The form's own checks, the API's limits: what a field would be refused for, by its API path. */
export function improvementProblems(v: { title: string; description: string; told: Record<Locale, string> }): Record<string, string> {
  const p: Record<string, string> = {};
  if (!v.title.trim()) p.title = 'Give the improvement a title';
  else if (v.title.trim().length > limits.title) p.title = `At most ${limits.title} characters`;
  if (v.description.trim().length > limits.description) p.description = `At most ${limits.description} characters`;
  for (const [l] of toldLocales) if (v.told[l].trim().length > limits.told) p[`toldText.${l}`] = `At most ${limits.told} characters`;
  if (toldLocales.every(([l]) => !v.told[l].trim())) p['toldText.en'] = 'Write what customers will be told, in at least one language';
  return p;
}

export function ImprovementForm({
  feedback = [],
  onClose,
  onSaved,
}: {
  feedback?: ItemRef[];
  onClose: () => void;
  onSaved: (id: string, improvement: Improvement) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const { errors, failure, busy, submit } = useFormSubmit(form);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [told, setTold] = useState<Record<Locale, string>>({ en: '', fr: '', de: '' });
  const send = async () => {
    const toldText = Object.fromEntries(toldLocales.map(([l]) => [l, told[l].trim()]).filter(([, t]) => t));
    const body = { title: title.trim(), description: description.trim() || undefined, toldText, feedback };
    const created = await api<Improvement>('/api/v1/improvements', { method: 'POST', body });
    onSaved(created.id, created);
  };
  const toldError = errors['toldText'];
  return (
    <FormDialog
      open
      wide
      title="New improvement"
      description="A change made because customers asked for it. Its customers are told when it is marked done."
      onClose={onClose}
    >
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(improvementProblems({ title, description, told }), send);
        }}
      >
        <TextField label="Title" value={title} onChange={setTitle} error={errors.title} autoFocus />
        <TextAreaField
          label="What changed (optional)"
          hint="For staff: what was done, and why"
          value={description}
          onChange={setDescription}
          error={errors.description}
          rows={3}
        />
        <fieldset className="field">
          <legend className="field-label">What customers will be told</legend>
          <p className="field-hint">Each customer reads their language, else English. Kept quotes what they said above it.</p>
          {toldLocales.map(([l, name]) => (
            <TextAreaField
              key={l}
              label={name}
              value={told[l]}
              onChange={(v) => setTold((t) => ({ ...t, [l]: v }))}
              error={errors[`toldText.${l}`] ?? (l === 'en' ? toldError : undefined)}
              rows={2}
            />
          ))}
        </fieldset>
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <FormActions busy={busy} label="Record improvement" busyLabel="Saving…" onCancel={onClose} />
      </form>
    </FormDialog>
  );
}
