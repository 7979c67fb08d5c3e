// The dialog that names a theme by the words customers use for it (new, or from a suggestion).
import { useState } from 'react';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { FormActions } from '../../shared/form-actions.tsx';
import { FormDialog } from '../../shared/form-dialog.tsx';
import { TextAreaField, TextField } from '../../shared/fields.tsx';
import { parseWords } from './theme-words.ts';

export function ThemeForm({
  open,
  initialWords,
  onClose,
  onSaved,
}: {
  open: boolean;
  initialWords: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [name, setName] = useState('');
  const [words, setWords] = useState(initialWords);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; words?: string; form?: string }>({});
  const submit = async () => {
    const list = parseWords(words);
    const problems = { name: name.trim() ? undefined : 'Name the theme', words: list.length ? undefined : 'Give at least one word' };
    setErrors(problems);
    if (problems.name || problems.words) return;
    setBusy(true);
    try {
      await api('/api/v1/themes', { method: 'POST', body: { name: name.trim(), words: list } });
      onSaved();
    } catch (err) {
      const field = err instanceof ApiError && err.code === 'conflict' ? { name: messageOf(err) } : { form: messageOf(err) };
      setErrors(field);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open={open}
      title="New theme"
      description="Texts that use any of these words belong to the theme. Plurals and accents are matched."
      onClose={onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField label="Name" value={name} onChange={setName} error={errors.name} maxLength={80} autoFocus />
        <TextAreaField
          label="Words"
          hint="Separated by commas, in any of English, French and German"
          value={words}
          onChange={setWords}
          error={errors.words}
          rows={3}
        />
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <FormActions busy={busy} label="Create theme" busyLabel="Saving…" onCancel={onClose} />
      </form>
    </FormDialog>
  );
}
