// Moves some of a theme's terms to a new theme.
import { useState } from 'react';
import type { Theme } from '../../../../contract/themes.ts';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { FormActions } from '../../shared/form-actions.tsx';
import { FormDialog } from '../../shared/form-dialog.tsx';
import { TextField } from '../../shared/fields.tsx';

export function SplitForm({ theme, onClose, onSaved }: { theme: Theme; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState('');
  const [moving, setMoving] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<{ name?: string; terms?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const toggle = (term: string) =>
    setMoving((m) => {
      const next = new Set(m);
      if (next.has(term)) next.delete(term);
      else next.add(term);
      return next;
    });
  const submit = async () => {
    const problems = {
      name: name.trim() ? undefined : 'Name the new theme',
      terms:
        moving.size === 0
          ? 'Choose the terms that move'
          : moving.size === theme.terms.length
            ? 'Leave at least one term behind'
            : undefined,
    };
    setErrors(problems);
    if (problems.name || problems.terms) return;
    setBusy(true);
    try {
      await api(`/api/v1/themes/${theme.id}/split`, { method: 'POST', body: { name: name.trim(), terms: [...moving] } });
      onSaved();
    } catch (err) {
      setErrors(err instanceof ApiError && err.code === 'conflict' ? { name: messageOf(err) } : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog open title={`Split “${theme.name}”`} description="The terms you choose move to a new theme." onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label="New theme’s name" value={name} onChange={setName} error={errors.name} maxLength={80} autoFocus />
        <fieldset className="field">
          <legend>Terms that move</legend>
          {theme.terms.map((t) => (
            <label key={t} className="checkbox">
              <input type="checkbox" checked={moving.has(t)} onChange={() => toggle(t)} /> {t}
            </label>
          ))}
          {errors.terms && (
            <p className="field-error" role="alert">
              {errors.terms}
            </p>
          )}
        </fieldset>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <FormActions busy={busy} label="Split" busyLabel="Splitting…" onCancel={onClose} />
      </form>
    </FormDialog>
  );
}
