// Keep or renegotiate a promise, each in a small modal on the native <dialog> (focus trapped,
// Escape closes, focus returns). A refusal from the server (kept already, broken at its due time,
// a new time in the past) is shown in the dialog, beside its field when it names one.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { Commitment, CommitmentDetail } from '../../../../contract/commitments.ts';
import { api } from '../../shared/api.ts';
import { fromLocalInput, toLocalInput } from './commitment-text.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useFormSubmit } from '../../shared/hooks.ts';
import { TextAreaField, TextField } from '../../shared/fields.tsx';
import { ErrorNotice } from '../../shared/states.tsx';

function ActionDialog({
  title,
  submitLabel,
  onSubmit,
  onClose,
  children,
  form,
  busy,
  failure,
}: {
  title: string;
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
  form: RefObject<HTMLFormElement | null>;
  busy: boolean;
  failure?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form ref={form} onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body stack">
          {failure && <ErrorNotice message={failure} />}
          {children}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function KeepDialog({
  commitment,
  onDone,
  onClose,
}: {
  commitment: Commitment;
  onDone: (c: CommitmentDetail) => void;
  onClose: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [note, setNote] = useState('');
  const { errors, failure, busy, submit } = useFormSubmit(form);
  const send = (e: FormEvent) => {
    e.preventDefault();
    void submit({}, async () => {
      const body = note.trim() ? { note: note.trim() } : {};
      onDone(await api<CommitmentDetail>(`/api/v1/commitments/${commitment.id}/keep`, { method: 'POST', body }));
    });
  };
  return (
    <ActionDialog
      title="Promise kept"
      submitLabel="Record as kept"
      onSubmit={send}
      onClose={onClose}
      form={form}
      busy={busy}
      failure={failure}
    >
      <p>
        “{commitment.what}”, due {formatDateTime(commitment.dueAt)}.
      </p>
      <TextAreaField
        label="Note (optional)"
        hint="What was done, e.g. Refund sent, reference R-1234."
        error={errors.note}
        className="input textarea"
        maxLength={2000}
        value={note}
        onChange={(v) => setNote(v)}
      />
    </ActionDialog>
  );
}

export function RenegotiateDialog({
  commitment,
  onDone,
  onClose,
}: {
  commitment: Commitment;
  onDone: (c: CommitmentDetail) => void;
  onClose: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [due, setDue] = useState(toLocalInput(commitment.dueAt));
  const [note, setNote] = useState('');
  const { errors, failure, busy, submit } = useFormSubmit(form);
  const send = (e: FormEvent) => {
    e.preventDefault();
    const newDueAt = fromLocalInput(due);
    const problems: Record<string, string> = {};
    if (!newDueAt) problems.newDueAt = 'Choose the new time';
    else if (new Date(newDueAt).getTime() <= Date.now()) problems.newDueAt = 'Choose a time in the future';
    if (!note.trim()) problems.note = 'Say how the customer agreed';
    void submit(problems, async () => {
      const body = { newDueAt: newDueAt!, note: note.trim() };
      onDone(await api<CommitmentDetail>(`/api/v1/commitments/${commitment.id}/renegotiate`, { method: 'POST', body }));
    });
  };
  return (
    <ActionDialog
      title="New time agreed"
      submitLabel="Move the due time"
      onSubmit={send}
      onClose={onClose}
      form={form}
      busy={busy}
      failure={failure}
    >
      <p>
        “{commitment.what}” is due {formatDateTime(commitment.dueAt)}. Only a time the customer agreed to: the old one stays in the history.
      </p>
      <TextField
        label="New due time"
        error={errors.newDueAt}
        type="datetime-local"
        className="input"
        value={due}
        onChange={(v) => setDue(v)}
      />
      <TextAreaField
        label="How the customer agreed"
        error={errors.note}
        className="input textarea"
        maxLength={2000}
        value={note}
        onChange={(v) => setNote(v)}
      />
    </ActionDialog>
  );
}

/** The two things to do with an open promise: record it kept, or move it to a time the customer agreed. */
export function PromiseButtons({ what, onAct }: { what: string; onAct: (action: 'keep' | 'renegotiate') => void }) {
  return (
    <div className="button-row">
      <button type="button" className="button button-small" aria-label={`Kept: ${what}`} onClick={() => onAct('keep')}>
        Kept
      </button>
      <button
        type="button"
        className="button button-small button-ghost"
        aria-label={`New time for ${what}`}
        onClick={() => onAct('renegotiate')}
      >
        New time
      </button>
    </div>
  );
}
