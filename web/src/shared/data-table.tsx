// A table in its card: the column headings, an optional hidden caption, and the rows given.
import type { ReactNode } from 'react';

export function DataTable({
  columns,
  actions = false,
  caption,
  className = 'table',
  scroll = false,
  stale,
  children,
}: {
  columns: readonly string[];
  /** Adds a last column, "Actions", named for screen readers only. */
  actions?: boolean;
  /** Read by screen readers only. */
  caption?: string;
  className?: string;
  /** Lets a wide table scroll sideways inside its card, a focusable region named by the caption, so the page never does. */
  scroll?: boolean;
  /** Marks the rows as being replaced (greyed and aria-busy); leave out where a table never is. */
  stale?: boolean;
  children: ReactNode;
}) {
  const card = `card table-card${scroll ? ' table-scroll' : ''}${stale ? ' is-stale' : ''}`;
  return (
    <div
      className={card}
      aria-busy={stale}
      {...(scroll ? { tabIndex: 0, role: 'region', 'aria-label': `${caption ?? 'Table'} (scrolls sideways)` } : {})}
    >
      <table className={className}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
