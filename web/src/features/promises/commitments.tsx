// Promises: the ledger of commitments made to customers by due time, with filters kept in the URL;
// each team's kept rate; keep and renegotiate; and the form to make one, which shows what the team
// achieved for similar promises as it is filled in.
import { useState, type ReactNode } from 'react';
import type { Commitment, CommitmentStats, CommitmentStatus } from '../../../../contract/commitments.ts';
import { api, messageOf } from '../../shared/api.ts';
import { noticeLine, statusName } from './commitment-text.ts';
import { KeepDialog, PromiseButtons, RenegotiateDialog } from './commitment-actions.tsx';
import { CommitmentForm } from './commitment-form.tsx';
import { CommitmentRates } from './commitment-rates.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader, PagedStates } from '../../shared/states.tsx';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { customerName } from '../../shared/customer-name.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import type { Department, Page } from '../../shared/types.ts';
import { FilterSelect, NamedOptions } from '../../shared/filters.tsx';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';

const statusChoices: { value: string; label: string; statuses?: CommitmentStatus[] }[] = [
  { value: '', label: 'Open and renegotiated', statuses: ['open', 'renegotiated'] },
  { value: 'kept', label: 'Kept', statuses: ['kept'] },
  { value: 'broken', label: 'Broken', statuses: ['broken'] },
  { value: 'all', label: 'All' },
];

/** A day from a date input as the start of that day where the browser is. */
const dayStart = (day: string, plusDays = 0) => {
  const d = new Date(`${day}T00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

export function CommitmentsPage() {
  useDocumentTitle('Promises');
  const { params } = useLocation();
  const filter = {
    status: params.get('status') ?? '',
    departmentId: params.get('department') ?? '',
    kind: params.get('kind') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const setFilter = (change: Partial<typeof filter>) => {
    const f = { ...filter, ...change };
    navigate(withQuery('/commitments', { status: f.status, department: f.departmentId, kind: f.kind, from: f.from, to: f.to }), {
      replace: true,
    });
  };
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const stats = useLoad(`stats|${version}`, (signal) => api<CommitmentStats>('/api/v1/commitments/stats', { signal }));
  const statuses = statusChoices.find((c) => c.value === filter.status)?.statuses;
  const query = {
    status: statuses?.join(','),
    departmentId: filter.departmentId || undefined,
    kind: filter.kind || undefined,
    dueAfter: filter.from ? dayStart(filter.from) : undefined,
    dueBefore: filter.to ? dayStart(filter.to, 1) : undefined,
  };
  const list = usePaged<Commitment>(`${JSON.stringify(filter)}|${version}`, (cursor, signal) =>
    api<Page<Commitment>>('/api/v1/commitments', { query: { ...query, limit: 50, cursor }, signal }),
  );
  const [acting, setActing] = useState<{ action: 'keep' | 'renegotiate'; commitment: Commitment }>();
  const [announce, setAnnounce] = useState('');
  const teams = departments.state.status === 'ready' ? departments.state.data : [];
  const teamName = (id: string | null) => (id ? (teams.find((d) => d.id === id)?.name ?? 'A department') : 'No department');

  return (
    <div className="page">
      <PageHeader
        title="Promises"
        description="Every commitment made to a customer, by due time. One nobody keeps is broken at its due time and opens a recovery case."
        actions={<ExportMenu kind="commitments" filters={query} />}
      />
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      <div className="split">
        <div className="stack-large">
          <section aria-labelledby="rates-title">
            <div className="section-head">
              <h2 id="rates-title">Kept rate by team, last 180 days</h2>
            </div>
            {stats.state.status === 'loading' && <Loading label="Loading kept rates…" />}
            {stats.state.status === 'error' && <ErrorNotice message={messageOf(stats.state.error)} onRetry={stats.reload} />}
            {stats.state.status === 'ready' && <CommitmentRates stats={stats.state.data} />}
          </section>
          <section aria-labelledby="ledger-title">
            <div className="section-head">
              <h2 id="ledger-title">Ledger</h2>
            </div>
            <div className="filters" role="group" aria-label="Filters">
              <FilterSelect id="f-status" label="Status" value={filter.status} onChange={(v) => setFilter({ status: v })}>
                {statusChoices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </FilterSelect>
              <FilterSelect
                id="f-department"
                label="Team"
                value={filter.departmentId}
                onChange={(v) => setFilter({ departmentId: v })}
                all="Every team"
              >
                <NamedOptions items={teams} />
              </FilterSelect>
              <Filter id="f-kind" label="Kind">
                <input
                  id="f-kind"
                  className="input date-input input-mono"
                  value={filter.kind}
                  onChange={(e) => setFilter({ kind: e.target.value.trim().toLowerCase() })}
                />
              </Filter>
              <Filter id="f-from" label="Due from">
                <input
                  id="f-from"
                  type="date"
                  className="input date-input"
                  value={filter.from}
                  onChange={(e) => setFilter({ from: e.target.value })}
                />
              </Filter>
              <Filter id="f-to" label="Due to">
                <input
                  id="f-to"
                  type="date"
                  className="input date-input"
                  value={filter.to}
                  onChange={(e) => setFilter({ to: e.target.value })}
                />
              </Filter>
            </div>
            <PagedStates
              list={list}
              loading="Loading promises…"
              empty={
                <EmptyState title="No promises here">
                  <p>Record one with the form, or send them from other systems to POST /api/v1/commitments.</p>
                </EmptyState>
              }
            >
              <DataTable columns={['Promise', 'Customer', 'Due', 'Team', 'Status']} actions scroll>
                {list.items.map((c) => (
                  <Row key={c.id} c={c} team={teamName(c.departmentId)} onAct={(action) => setActing({ action, commitment: c })} />
                ))}
              </DataTable>
            </PagedStates>
          </section>
        </div>
        <section className="card form-card" aria-labelledby="new-promise">
          <h2 id="new-promise" className="card-title">
            Make a promise
          </h2>
          <CommitmentForm
            onMade={(m) => {
              setAnnounce(`Promise recorded: ${m.commitment.what}`);
              reload();
            }}
          />
        </section>
      </div>
      {acting && (
        <ActionFor
          action={acting.action}
          commitment={acting.commitment}
          onClose={() => setActing(undefined)}
          onDone={(c) => {
            setActing(undefined);
            setAnnounce(c.status === 'kept' ? `Kept: ${c.what}` : `New due time for ${c.what}: ${formatDateTime(c.dueAt)}`);
            reload();
          }}
        />
      )}
    </div>
  );
}

function ActionFor(props: {
  action: 'keep' | 'renegotiate';
  commitment: Commitment;
  onClose: () => void;
  onDone: (c: Commitment) => void;
}) {
  return props.action === 'keep' ? <KeepDialog {...props} /> : <RenegotiateDialog {...props} />;
}

function Filter({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="filter-group">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

function Row({ c, team, onAct }: { c: Commitment; team: string; onAct: (action: 'keep' | 'renegotiate') => void }) {
  const open = c.status === 'open' || c.status === 'renegotiated';
  return (
    <tr>
      <td>
        <span className="pill pill-kind">{c.kind}</span> {c.what}
      </td>
      <td>
        <Link to={`/customers/${c.customerId}`}>{customerName(c.customer)}</Link>
      </td>
      <td>
        <When at={c.dueAt} show={open ? 'relative' : 'dateTime'} />
        {c.renegotiations > 0 && <div className="muted">first promised {formatDateTime(c.firstDueAt)}</div>}
      </td>
      <td>{team}</td>
      <td>
        <span className={c.status === 'broken' ? 'pill pill-warn' : 'pill pill-muted'}>{statusName[c.status]}</span>
        {c.status === 'kept' && c.keptOnTime === false && <div className="muted">after a new time</div>}
        {noticeLine(c.notices, c.tellCustomer) && <div className="muted">{noticeLine(c.notices, c.tellCustomer)}</div>}
        {c.oopsCaseId && (
          <div>
            <Link to={`/cases/${c.oopsCaseId}`}>Its recovery case</Link>
          </div>
        )}
      </td>
      <td className="cell-actions">{open && <PromiseButtons what={c.what} onAct={onAct} />}</td>
    </tr>
  );
}
