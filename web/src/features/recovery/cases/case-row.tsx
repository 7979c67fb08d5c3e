// One row of the cases inbox: the clock (time left or overdue, with its bar), the case and its
// customer, origin and age, then severity, owner and the next step of the playbook. The title is
// the row's one link and tab stop; the whole row is its click target.
import { customerName } from '../../../shared/customer-name.ts';
import { initialsOf } from '../../../shared/format.ts';
import { stepName } from '../recovery.ts';
import { Link } from '../../../shared/router.tsx';
import type { Case, Department, User } from '../../../shared/types.ts';
import { CaseStatusPill, OriginTag, SeverityPill } from './case-badges.tsx';
import { ClockCell } from './case-clock.tsx';
import { When } from '../../../shared/tip/when.tsx';

export function CaseRow({
  c,
  now,
  selected,
  owner,
  department,
  onFocus,
}: {
  c: Case;
  now: number;
  selected: boolean;
  owner?: User;
  department?: Department;
  onFocus: () => void;
}) {
  return (
    <li className={selected ? 'case-row row-link is-selected' : 'case-row row-link'}>
      <div className="case-row-clock">
        <ClockCell c={c} now={now} />
      </div>
      <div className="case-row-main">
        <Link to={`/cases/${c.id}`} className="row-link-target case-row-link" onFocus={onFocus}>
          <span className="case-number">#{c.number}</span> {c.title}
        </Link>
        <span className="case-row-meta">
          <span>{customerName(c.customer)}</span>
          <span aria-hidden="true">·</span>
          <OriginTag origin={c.origin} />
          <span aria-hidden="true">·</span>
          <span>
            oops <When at={c.oopsAt} now={now} />
          </span>
          {c.status === 'closed' && <CaseStatusPill status="closed" />}
        </span>
      </div>
      <div className="case-row-side">
        <SeverityPill severity={c.severity} />
        <span className="case-row-owner">
          {owner ? (
            <>
              <span className="avatar avatar-tiny" aria-hidden="true">
                {initialsOf(owner.name)}
              </span>
              <span className="visually-hidden">Owner: </span>
              {owner.name}
            </>
          ) : c.ownerId ? (
            <span className="muted">Owner not listed</span>
          ) : (
            <span className="muted">Unassigned</span>
          )}
          {department && <span className="muted case-row-department"> · {department.name}</span>}
        </span>
        <span className="case-row-next">
          {c.nextStep ? (
            <>
              <span className="muted">Next:</span> {stepName[c.nextStep]}
            </>
          ) : (
            <span className="muted">Every step taken</span>
          )}
        </span>
      </div>
    </li>
  );
}

export function KeyboardHint() {
  return (
    <p className="keyboard-hint" id="case-keys">
      <span className="keyboard-hint-title">Keyboard</span> <kbd>j</kbd> / <kbd>k</kbd> or <kbd>↓</kbd> / <kbd>↑</kbd> move through the
      cases, <kbd>Enter</kbd> opens one, <kbd>/</kbd> goes to the filters.
    </p>
  );
}

export function ListSkeleton() {
  return (
    <div className="card table-card" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading cases…
      </p>
      {[0, 1, 2, 3, 4].map((i) => (
        <div className="skeleton-row" key={i} aria-hidden="true">
          <span className="skeleton skeleton-line skeleton-short" />
          <span className="skeleton skeleton-line" />
          <span className="skeleton skeleton-line skeleton-short" />
        </div>
      ))}
    </div>
  );
}
