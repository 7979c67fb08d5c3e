// Closing a case: a note for the record, then POST /api/v1/cases/{id}/close. When required
// steps are neither done nor skipped Kept refuses, and the dialog lists them.
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../shared/api.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import { stepName } from '../recovery.ts';
import type { CaseDetail, StepName } from '../../../shared/types.ts';
import { FormDialog } from '../../../shared/form-dialog.tsx';
import { TextArea } from '../playbook/step-forms.tsx';

export function CloseCaseButton({
  detail,
  onClosed,
  onRefusal,
}: {
  detail: CaseDetail;
  onClosed: (d: CaseDetail) => void;
  onRefusal: () => void;
}) {
  const [open, setOpen] = useState(false);
  const pendingRequired = detail.playbook.filter((s) => s.required && s.status === 'pending');
  return (
    <>
      <div className="close-action">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Close case…
        </button>
        {pendingRequired.length > 0 && (
          <p className="field-hint close-hint">Required first: {pendingRequired.map((s) => stepName[s.step]).join(', ')}</p>
        )}
      </div>
      <FormDialog open={open} title={`Close case #${detail.number}?`} onClose={() => setOpen(false)}>
        <CloseForm
          detail={detail}
          onCancel={() => setOpen(false)}
          onClosed={(d) => {
            setOpen(false);
            onClosed(d);
          }}
          onRefusal={onRefusal}
        />
      </FormDialog>
    </>
  );
}

function CloseForm({
  detail,
  onCancel,
  onClosed,
  onRefusal,
}: {
  detail: CaseDetail;
  onCancel: () => void;
  onClosed: (d: CaseDetail) => void;
  onRefusal: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<StepName[]>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(undefined);
    await run({}, async () => {
      try {
        onClosed(
          await api<CaseDetail>(`/api/v1/cases/${detail.id}/close`, { method: 'POST', body: note.trim() ? { note: note.trim() } : {} }),
        );
      } catch (err) {
        const m = err instanceof ApiError && err.status === 409 ? (err.details as { missing?: unknown } | undefined)?.missing : undefined;
        if (Array.isArray(m)) {
          setMissing(m as StepName[]);
          onRefusal();
        }
        throw err;
      }
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && (
        <div className="notice notice-error notice-block" role="alert">
          <p>{failure}</p>
          {missing && missing.length > 0 && (
            <>
              <p>Do or skip these required steps first:</p>
              <ul className="missing-steps">
                {missing.map((s) => (
                  <li key={s}>{detail.playbook.find((p) => p.step === s)?.title ?? stepName[s] ?? s}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <p className="dialog-description">Closing ends the work on this case. A new oops for this customer opens a new case.</p>
      <TextArea
        label="Note (optional)"
        hint="For the record: how it ended."
        error={errors.note}
        value={note}
        onChange={setNote}
        rows={3}
        max={2000}
      />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Closing…' : 'Close case'}
        </button>
      </div>
    </form>
  );
}
