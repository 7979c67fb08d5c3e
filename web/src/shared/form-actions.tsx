// The row under a form: its submit button (its label turning to "Saving…" while busy), then a
// Cancel button, a status note ("Saved.") or whatever else the form puts there.
import type { ReactNode } from 'react';

export function FormActions({
  busy,
  label = 'Save',
  busyLabel = 'Saving…',
  onCancel,
  note,
  children,
}: {
  busy: boolean;
  label?: string;
  busyLabel?: string;
  /** Adds a Cancel button after the submit one. */
  onCancel?: () => void;
  /** Adds a status note after the submit one, read out when it changes. */
  note?: string;
  children?: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {onCancel && (
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      )}
      {note !== undefined && (
        <span className="saved-note" role="status">
          {note}
        </span>
      )}
      {children}
    </div>
  );
}
