// Cases: the recovery inbox. Open cases soonest due first, each with its clock (time left or
// overdue, and a bar with the 50 % / 80 % / 100 % points); filters kept in the URL; the keyboard
// moves through the list (j / k or the arrows, Enter opens, / goes to the filters); and a form to
// report an oops by hand.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { CaseStatusPill, OriginTag, SeverityPill } from '../components/case-badges.tsx';
import { ClockCell } from '../components/case-clock.tsx';
import { InboxIcon, PlusIcon } from '../components/icons.tsx';
import { ReportOopsDialog } from '../components/report-oops.tsx';
import { EmptyState, ErrorNotice, LoadMore, PageHeader } from '../components/states.tsx';
import { customerName } from '../customer-name.ts';
import { formatDateTimeLong, formatRelative, initialsOf } from '../format.ts';
import { useDocumentTitle, useLoad, usePaged } from '../hooks.ts';
import { useNow } from '../now.ts';
import { originList, originName, stepName, type CaseOrigin } from '../recovery.ts';
import { Link, navigate, useLocation, withQuery } from '../router.tsx';
import type { Case, Department, Page, User } from '../types.ts';

const pageSize = 50;

interface Filters {
  status: 'open' | 'closed';
  mine: boolean;
  departmentId: string;
  origin: CaseOrigin | '';
  breached: boolean;
}

function filtersFrom(params: URLSearchParams): Filters {
  const origin = params.get('origin') as CaseOrigin | null;
  return {
    status: params.get('status') === 'closed' ? 'closed' : 'open',
    mine: params.get('mine') === 'true',
    departmentId: params.get('department') ?? '',
    origin: origin && originList.includes(origin) ? origin : '',
    breached: params.get('breached') === 'true',
  };
}

const isFiltered = (f: Filters) => f.mine || f.departmentId !== '' || f.origin !== '' || f.breached;

/** Typing in a field, or a dialog open: the page's shortcuts stay out of the way. */
function typingOrModal(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (document.querySelector('dialog[open]')) return true;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function CasesPage() {
  useDocumentTitle('Cases');
  const { path, params } = useLocation();
  const f = filtersFrom(params);
  const now = useNow(30_000);
  const [reporting, setReporting] = useState(false);
  const filterStart = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [selected, setSelected] = useState(-1);

  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const users = useLoad('users', (signal) => api<{ items: User[] }>('/api/v1/users', { signal }).then((r) => r.items));
  const key = JSON.stringify(f);
  const list = usePaged<Case>(key, (cursor, signal) =>
    api<Page<Case>>('/api/v1/cases', {
      query: {
        status: f.status,
        mine: f.mine ? 'true' : undefined,
        departmentId: f.departmentId || undefined,
        origin: f.origin || undefined,
        breached: f.breached ? 'true' : undefined,
        limit: pageSize,
        cursor,
      },
      signal,
    }),
  );
  const stale = list.status === 'loading' && list.items.length > 0;
  useEffect(() => setSelected(-1), [key]);

  const setFilters = (change: Partial<Filters>) => {
    const n = { ...f, ...change };
    navigate(
      withQuery(path, {
        status: n.status === 'closed' ? 'closed' : undefined,
        mine: n.mine ? 'true' : undefined,
        department: n.departmentId || undefined,
        origin: n.origin || undefined,
        breached: n.breached ? 'true' : undefined,
      }),
      { replace: true },
    );
  };

  // Keyboard: j / k (or the arrows, inside the list) move the selection, Enter opens it, / goes to the filters.
  const count = list.items.length;
  const live = useRef({ items: list.items, selected });
  useEffect(() => {
    live.current = { items: list.items, selected };
  });
  useEffect(() => {
    const links = () => [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('.case-row-link') ?? [])];
    const select = (i: number) => {
      const link = links()[i];
      if (!link) return;
      setSelected(i);
      link.focus({ preventScroll: true });
      link.closest('li')?.scrollIntoView({ block: 'nearest' });
    };
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typingOrModal(e)) return;
      const { items, selected } = live.current;
      const active = document.activeElement;
      const inList = !!active && !!listRef.current?.contains(active);
      const current = inList ? links().indexOf(active as HTMLAnchorElement) : selected;
      if (e.key === '/') {
        e.preventDefault();
        filterStart.current?.querySelector<HTMLElement>('button, input, select')?.focus();
      } else if (e.key === 'j' || (inList && e.key === 'ArrowDown')) {
        e.preventDefault();
        select(Math.min(items.length - 1, current + 1));
      } else if (e.key === 'k' || (inList && e.key === 'ArrowUp')) {
        e.preventDefault();
        select(Math.max(0, current - 1));
      } else if (e.key === 'Enter' && (active === document.body || active?.id === 'main') && items[current]) {
        // Enter on a focused control does that control's job; on nothing in particular it opens the selected case.
        e.preventDefault();
        navigate(`/cases/${items[current].id}`);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const userList = users.state.status === 'ready' ? users.state.data : [];
  const filtered = isFiltered(f);

  return (
    <div className="page">
      <PageHeader
        title="Cases"
        description="Every oops opens a case. Its clock starts at the oops, so the soonest due are at the top."
        actions={
          <button type="button" className="button button-primary" onClick={() => setReporting(true)}>
            <PlusIcon /> Report an oops
          </button>
        }
      />
      <div className="filters case-filters" ref={filterStart} role="group" aria-label="Filter cases">
        <div className="filter-group">
          <span className="filter-label" id="case-status-label">
            Status
          </span>
          <div className="segmented" role="group" aria-labelledby="case-status-label">
            {(['open', 'closed'] as const).map((s) => (
              <button key={s} type="button" className="segment" aria-pressed={f.status === s} onClick={() => setFilters({ status: s })}>
                {s === 'open' ? 'Open' : 'Closed'}
              </button>
            ))}
          </div>
        </div>
        <div className="filter-group">
          <label className="filter-label" htmlFor="case-department">
            Department
          </label>
          <select
            id="case-department"
            className="input select"
            value={f.departmentId}
            onChange={(e) => setFilters({ departmentId: e.target.value })}
          >
            <option value="">All departments</option>
            {departmentList.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
            {f.departmentId && !departmentList.some((d) => d.id === f.departmentId) && (
              <option value={f.departmentId}>A department not listed</option>
            )}
          </select>
        </div>
        <div className="filter-group">
          <label className="filter-label" htmlFor="case-origin">
            Origin
          </label>
          <select
            id="case-origin"
            className="input select"
            value={f.origin}
            onChange={(e) => setFilters({ origin: e.target.value as CaseOrigin | '' })}
          >
            <option value="">All origins</option>
            {originList.map((o) => (
              <option key={o} value={o}>
                {originName[o]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-group filter-checks">
          <label className="checkbox">
            <input type="checkbox" checked={f.mine} onChange={(e) => setFilters({ mine: e.target.checked })} />
            <span>Mine only</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={f.breached} onChange={(e) => setFilters({ breached: e.target.checked })} />
            <span>Breached only</span>
          </label>
        </div>
        {filtered && (
          <button
            type="button"
            className="button button-ghost button-small filter-clear"
            onClick={() => setFilters({ mine: false, departmentId: '', origin: '', breached: false })}
          >
            Clear filters
          </button>
        )}
      </div>
      <KeyboardHint />

      {list.status === 'error' && <ErrorNotice message={list.error!} onRetry={list.retry} />}
      {list.status === 'loading' && list.items.length === 0 && <ListSkeleton />}
      {list.status === 'ready' &&
        list.items.length === 0 &&
        (filtered ? (
          <EmptyState
            icon={<InboxIcon />}
            title="No cases match these filters"
            action={
              <button
                type="button"
                className="button"
                onClick={() => setFilters({ mine: false, departmentId: '', origin: '', breached: false })}
              >
                Clear filters
              </button>
            }
          />
        ) : f.status === 'open' ? (
          <EmptyState
            icon={<InboxIcon />}
            title="No open cases"
            action={
              <button type="button" className="button" onClick={() => setReporting(true)}>
                Report an oops
              </button>
            }
          >
            <p>
              A low answer, a complaint, a broken promise or an oops someone reports opens a case here, with a clock that starts at the
              oops.
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon={<InboxIcon />} title="No closed cases yet">
            <p>Cases land here once every required step of their playbook is done or skipped and someone closes them.</p>
          </EmptyState>
        ))}
      {count > 0 && (
        <ol
          ref={listRef}
          className={stale ? 'case-list card is-stale' : 'case-list card'}
          aria-busy={stale}
          aria-label={f.status === 'open' ? 'Open cases, soonest due first' : 'Closed cases, newest first'}
        >
          {list.items.map((c, i) => (
            <CaseRow
              key={c.id}
              c={c}
              now={now}
              selected={i === selected}
              owner={userList.find((u) => u.id === c.ownerId)}
              department={departmentList.find((d) => d.id === c.departmentId)}
              onFocus={() => setSelected(i)}
            />
          ))}
        </ol>
      )}
      <LoadMore
        hasMore={!!list.nextCursor && list.status === 'ready'}
        loading={list.loadingMore}
        error={list.moreError}
        onLoadMore={list.loadMore}
        label="Load more cases"
      />
      <p className="visually-hidden" role="status">
        {list.status === 'ready' && (count === 0 ? 'No cases found' : `${count}${list.nextCursor ? ' or more' : ''} cases`)}
      </p>
      <ReportOopsDialog
        open={reporting}
        departments={departmentList}
        onClose={() => setReporting(false)}
        onReported={(c, joined) => {
          setReporting(false);
          navigate(joined ? `/cases/${c.id}?joined=true` : `/cases/${c.id}`);
        }}
      />
    </div>
  );
}

function CaseRow({
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
            oops{' '}
            <time dateTime={c.oopsAt} title={formatDateTimeLong(c.oopsAt)}>
              {formatRelative(c.oopsAt, now)}
            </time>
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

function KeyboardHint() {
  return (
    <p className="keyboard-hint" id="case-keys">
      <span className="keyboard-hint-title">Keyboard</span> <kbd>j</kbd> / <kbd>k</kbd> or <kbd>↓</kbd> / <kbd>↑</kbd> move through the
      cases, <kbd>Enter</kbd> opens one, <kbd>/</kbd> goes to the filters.
    </p>
  );
}

function ListSkeleton() {
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
