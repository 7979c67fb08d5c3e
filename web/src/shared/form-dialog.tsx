// A modal holding a form, on the native <dialog>: it traps focus, closes on Escape (asking first
// when something was typed: draft-guard.tsx) and returns focus to where it was. The form inside
// brings its own buttons.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useDraftGuard } from './draft-guard.tsx';

export function FormDialog({
  open,
  title,
  description,
  children,
  onClose,
  wide = false,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  onClose: () => void;
  wide?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const { dialogProps, prompt } = useDraftGuard(open, onClose);
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog dialog-form dialog-form-wide' : 'dialog dialog-form'}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-desc` : undefined}
      onClose={onClose}
      {...dialogProps}
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className="dialog-title">
            {title}
          </h2>
          {description && (
            <p id={`${id}-desc`} className="dialog-description">
              {description}
            </p>
          )}
          {prompt}
          {children}
        </>
      )}
    </dialog>
  );
}
