// A moment as people read it ("3 hours ago", "7 Dec 2026"), with the full date, time and zone as
// its tip on hover and focus. Every time in the staff app is shown through this.
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatDateTimeLong, formatRelative } from '../format.ts';
import { Tip } from './tip.tsx';

export function When({
  at,
  show = 'relative',
  now,
  lead,
  className,
  children,
}: {
  /** ISO 8601 */
  at: string;
  /** how the moment reads on the page (ignored when children are given) */
  show?: 'relative' | 'date' | 'dateTime';
  /** "now" for a relative time, when the page keeps its own clock */
  now?: number;
  /** words before the full time in the tip, e.g. "Target" */
  lead?: string;
  className?: string;
  children?: ReactNode;
}) {
  const shown = children ?? (show === 'date' ? formatDate(at) : show === 'dateTime' ? formatDateTime(at) : formatRelative(at, now));
  const full = formatDateTimeLong(at);
  return (
    <Tip text={lead ? `${lead} ${full}` : full}>
      <time dateTime={at} className={className}>
        {shown}
      </time>
    </Tip>
  );
}
