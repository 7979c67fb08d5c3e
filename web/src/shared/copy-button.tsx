// A "Copy" button for a value shown beside it. Without clipboard access (plain http, a denied
// permission) it selects the shown text instead, so Ctrl+C does the rest, and says so.
import { useEffect, useState, type RefObject } from 'react';
import { CheckIcon, CopyIcon } from './icons.tsx';

export function CopyButton({
  text,
  what,
  target,
  className = 'button',
  onBlocked,
}: {
  text: string;
  /** what is copied, for the button's accessible name and the announcement: "snippet" */
  what: string;
  /** the element showing the text, selected when the clipboard is out of reach */
  target?: RefObject<HTMLElement | null>;
  className?: string;
  /** called when the clipboard is out of reach, before the text is selected (e.g. to unmask it) */
  onBlocked?: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  useEffect(() => setCopied(undefined), [text]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      onBlocked?.();
      requestAnimationFrame(() => {
        const el = target?.current;
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
          el.focus();
          el.select();
        } else if (el) window.getSelection()?.selectAllChildren(el);
      });
      setCopied('failed');
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        {copied === 'yes' ? <CheckIcon /> : <CopyIcon />}
        {copied === 'yes' ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> {what}</span>
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'yes'
          ? `The ${what} is copied`
          : copied === 'failed'
            ? `Copying is blocked; the ${what} is selected, press Ctrl+C`
            : ''}
      </span>
    </>
  );
}
