// Cases: the recovery inbox. Open cases soonest due first, each with its clock (time left or
// overdue, and a bar with the 50 % / 80 % / 100 % points); filters kept in the URL; the keyboard
// moves through the list (j / k or the arrows, Enter opens, / goes to the filters); and a form to
// report an oops by hand.
import { useRef, useState } from 'react';
import { api } from '../../../shared/api.ts';
import { CaseRow, KeyboardHint, ListSkeleton } from './case-row.tsx';
import { InboxIcon, PlusIcon } from '../../../shared/icons.tsx';
import { ReportOopsDialog } from './report-oops.tsx';
import { EmptyState, PageHeader, PagedStates } from '../../../shared/states.tsx';
import { ExportMenu } from '../../../shared/export-menu.tsx';
import { useDocumentTitle, useLoad, usePaged } from '../../../shared/hooks.ts';
import { useListKeys } from './list-keys.ts';
import { useNow } from '../../../shared/now.ts';
import { originList, originName, type CaseOrigin } from '../recovery.ts';
import { navigate, useLocation, withQuery } from '../../../shared/router.tsx';
import type { Case, Department, Page, User } from '../../../shared/types.ts';
import { FilterSelect, FilterSegments, NamedOptions } from '../../../shared/filters.tsx';
import { OwnerTabs, type CaseCounts } from './owner-tabs.tsx';

const queryOf = (params: URLSearchParams) => {
  const q = Object.fromEntries(params);
  delete q.mine;
  return q;
};

const pageSize = 50;

/** The inbox's views: the caller's cases, those with no owner, or everyone's. */
export type OwnerView = 'mine' | 'unassigned' | 'all';

interface Filters {
  status: 'open' | 'closed';
  owner: OwnerView;
  departmentId: string;
  origin: CaseOrigin | '';
  breached: boolean;
}

function filtersFrom(params: URLSearchParams): Filters {
  const origin = params.get('origin') as CaseOrigin | null;
  return {
    status: params.get('status') === 'closed' ? 'closed' : 'open',
    // `mine=true` is the older spelling of owner=mine, kept for links people saved.
    owner:
      params.get('owner') === 'unassigned'
        ? 'unassigned'
        : params.get('owner') === 'mine' || params.get('mine') === 'true'
          ? 'mine'
          : 'all',
    departmentId: params.get('department') ?? '',
    origin: origin && originList.includes(origin) ? origin : '',
    breached: params.get('breached') === 'true',
  };
}

const isFiltered = (f: Filters) => f.owner !== 'all' || f.departmentId !== '' || f.origin !== '' || f.breached;

export function CasesPage() {
  useDocumentTitle('Cases');
  const { path, params } = useLocation();
  const f = filtersFrom(params);
  const now = useNow(30_000);
  const [reporting, setReporting] = useState(false);
  const filterStart = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const users = useLoad('users', (signal) => api<{ items: User[] }>('/api/v1/users', { signal }).then((r) => r.items));
  const key = JSON.stringify(f);
  const [counts, setCounts] = useState<CaseCounts>();
  const query = {
    status: f.status,
    owner: f.owner === 'all' ? undefined : f.owner,
    departmentId: f.departmentId || undefined,
    origin: f.origin || undefined,
    breached: f.breached ? 'true' : undefined,
  };
  const list = usePaged<Case>(key, (cursor, signal) =>
    api<Page<Case> & { counts: CaseCounts }>('/api/v1/cases', { query: { ...query, limit: pageSize, cursor }, signal }).then((page) => {
      setCounts(page.counts);
      return page;
    }),
  );
  const stale = list.status === 'loading' && list.items.length > 0;

  const setFilters = (change: Partial<Filters>) => {
    const n = { ...f, ...change };
    navigate(
      withQuery(path, {
        status: n.status === 'closed' ? 'closed' : undefined,
        owner: n.owner === 'all' ? undefined : n.owner,
        department: n.departmentId || undefined,
        origin: n.origin || undefined,
        breached: n.breached ? 'true' : undefined,
      }),
      { replace: true },
    );
  };

  // Keyboard: j / k (or the arrows, inside the list) move the selection, Enter opens it, / goes to the filters.
  const count = list.items.length;
  const { selected, setSelected } = useListKeys({
    list: listRef,
    filters: filterStart,
    linkSelector: '.case-row-link',
    count,
    resetKey: key,
    onOpen: (i) => list.items[i] && navigate(`/cases/${list.items[i].id}`),
  });

  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const userList = users.state.status === 'ready' ? users.state.data : [];
  const filtered = isFiltered(f);

  return (
    <div className="page">
      <PageHeader
        title="Cases"
        description="Every oops opens a case. Its clock starts at the oops, so the soonest due are at the top."
        actions={
          <>
            <ExportMenu kind="cases" filters={query} />
            <button type="button" className="button button-primary" onClick={() => setReporting(true)}>
              <PlusIcon /> Report an oops
            </button>
          </>
        }
      />
      <OwnerTabs
        current={f.owner}
        counts={counts}
        href={(owner) => withQuery(path, { ...queryOf(params), owner: owner === 'all' ? undefined : owner })}
      />
      <div className="filters case-filters" ref={filterStart} role="group" aria-label="Filter cases">
        <FilterSegments
          id="case-status-label"
          label="Status"
          choices={[
            ['open', 'Open'],
            ['closed', 'Closed'],
          ]}
          value={f.status}
          onChange={(v) => setFilters({ status: v })}
        />
        <FilterSelect
          id="case-department"
          label="Department"
          value={f.departmentId}
          onChange={(v) => setFilters({ departmentId: v })}
          all="All departments"
        >
          <NamedOptions items={departmentList} />
          {f.departmentId && !departmentList.some((d) => d.id === f.departmentId) && (
            <option value={f.departmentId}>A department not listed</option>
          )}
        </FilterSelect>
        <FilterSelect
          id="case-origin"
          label="Origin"
          value={f.origin}
          onChange={(v) => setFilters({ origin: v as CaseOrigin | '' })}
          all="All origins"
        >
          {originList.map((o) => (
            <option key={o} value={o}>
              {originName[o]}
            </option>
          ))}
        </FilterSelect>
        <div className="filter-group filter-checks">
          <label className="checkbox">
            <input type="checkbox" checked={f.breached} onChange={(e) => setFilters({ breached: e.target.checked })} />
            <span>Breached only</span>
          </label>
        </div>
        {filtered && (
          <button
            type="button"
            className="button button-ghost button-small filter-clear"
            onClick={() => setFilters({ owner: 'all', departmentId: '', origin: '', breached: false })}
          >
            Clear filters
          </button>
        )}
      </div>
      <KeyboardHint />

      <PagedStates
        list={list}
        loading={<ListSkeleton />}
        empty={
          filtered ? (
            <EmptyState
              icon={<InboxIcon />}
              title="No cases match these filters"
              action={
                <button
                  type="button"
                  className="button"
                  onClick={() => setFilters({ owner: 'all', departmentId: '', origin: '', breached: false })}
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
          )
        }
        moreLabel="Load more cases"
      >
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
      </PagedStates>
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
