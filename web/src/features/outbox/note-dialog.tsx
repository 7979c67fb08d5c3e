// A modal decision with an optional note for the record: release or cancel a held message,
// close a task. It says what will happen before it happens; on the native <dialog>, so focus is
// trapped, Escape closes it and focus returns to the button that opened it.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

export function NoteDialog({
  open,
  title,
  children,
  confirmLabel,
  dismissLabel = 'Back',
  tone = 'primary',
  noteHint,
  busy,
  error,
  onConfirm,
  onDismiss,
}: {
  open: boolean;
  title: string;
  /** what will happen, in words */
  children: ReactNode;
  confirmLabel: string;
  dismissLabel?: string;
  tone?: 'primary' | 'danger';
  noteHint?: string;
  busy?: boolean;
  error?: string;
  onConfirm: (note: string | undefined) => void;
  onDismiss: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [note, setNote] = useState('');
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) {
      setNote('');
      d.showModal();
    }
    if (!open && d?.open) d.close();
  }, [open]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!busy) onConfirm(note.trim() || undefined);
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onClose={onDismiss}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div id={`${id}-body`} className="dialog-body">
          {children}
        </div>
        <div className="field dialog-field">
          <label className="field-label" htmlFor={`${id}-note`}>
            Note <span className="muted">(optional)</span>
          </label>
          <textarea
            id={`${id}-note`}
            className="input textarea"
            rows={3}
            maxLength={2000}
            value={note}
            aria-describedby={noteHint ? `${id}-hint` : undefined}
            autoFocus
            onChange={(e) => setNote(e.target.value)}
          />
          {noteHint && (
            <p className="field-hint" id={`${id}-hint`}>
              {noteHint}
            </p>
          )}
        </div>
        {error && (
          <p className="field-error dialog-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onDismiss}>
            {dismissLabel}
          </button>
          <button type="submit" className={tone === 'danger' ? 'button button-danger' : 'button button-primary'} aria-disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
