// Escape in a dialog holding a form: with nothing typed it closes; with a typed draft it asks
// first ("Discard what you typed?"), with "Keep editing" focused, so one key press never throws
// words away. Spread `dialogProps` on the <dialog> and render `prompt` inside it.
import { useEffect, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';

export function useDraftGuard(open: boolean, discard: () => void) {
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) return;
    setDirty(false);
    setAsking(false);
  }, [open]);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);

  const hold = (e: SyntheticEvent) => {
    if (!dirty) return false;
    e.preventDefault();
    setAsking((a) => !a); // a second Escape while asking means "keep editing"
    return true;
  };
  const dialogProps = {
    onInput: () => setDirty(true),
    onChange: () => setDirty(true),
    // Both: Chromium lets a page cancel the dialog's own Escape only after a user action, so the key is caught first.
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') hold(e);
    },
    onCancel: (e: SyntheticEvent) => {
      hold(e);
    },
  };
  const prompt = asking ? (
    <div className="notice notice-info discard-prompt" role="alert">
      <p>Discard what you typed?</p>
      <div className="button-row">
        <button ref={keep} type="button" className="button button-small" onClick={() => setAsking(false)}>
          Keep editing
        </button>
        <button type="button" className="button button-small button-danger" onClick={discard}>
          Discard
        </button>
      </div>
    </div>
  ) : null;
  return { dialogProps, prompt };
}
