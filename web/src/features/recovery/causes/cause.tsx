// One cause: what went wrong, the events it matches, every customer it touched (with their
// newest case and whether that case is linked to this cause), and contacting them all at once.
import { api } from '../../../shared/api.ts';
import { UsersIcon } from '../../../shared/icons.tsx';
import { OutreachPanel } from './outreach.tsx';
import { selectorWords } from './selector-editor.tsx';
import { EmptyState, PagedStates, RecordStates } from '../../../shared/states.tsx';
import { customerName } from '../../../shared/customer-name.ts';
import { formatDateTime, plural } from '../../../shared/format.ts';
import { useDocumentTitle, useLoad, usePaged, type PagedList } from '../../../shared/hooks.ts';
import { Link } from '../../../shared/router.tsx';
import { CausesBackLink } from './causes.tsx';
import type { AffectedCustomer, Cause, Department, Page } from '../../../shared/types.ts';
import { DataTable } from '../../../shared/data-table.tsx';
import { When } from '../../../shared/tip/when.tsx';

export function CausePage({ id }: { id: string }) {
  const cause = useLoad(`cause|${id}`, (signal) => api<Cause>(`/api/v1/causes/${encodeURIComponent(id)}`, { signal }));
  useDocumentTitle(cause.state.status === 'ready' ? cause.state.data.title : 'Cause');

  if (cause.state.status !== 'ready') {
    return (
      <RecordStates state={cause.state} reload={cause.reload} noun="cause" backLink={<CausesBackLink />} list={['/causes', 'causes']} />
    );
  }
  const refresh = () => {
    void api<Cause>(`/api/v1/causes/${encodeURIComponent(id)}`).then(
      (c) => cause.update(() => c),
      () => undefined,
    );
  };
  return <CauseView cause={cause.state.data} onRefresh={refresh} />;
}

function CauseView({ cause, onRefresh }: { cause: Cause; onRefresh: () => void }) {
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const affected = usePaged<AffectedCustomer>(`affected|${cause.id}`, (cursor, signal) =>
    api<Page<AffectedCustomer>>(`/api/v1/causes/${cause.id}/customers`, { query: { limit: 50, cursor }, signal }),
  );
  const s = cause.selector;
  const count = cause.affectedCustomers ?? 0;

  return (
    <div className="page">
      <CausesBackLink />
      <div className="page-header">
        <div>
          <h1>{cause.title}</h1>
          <p className="page-description">
            {plural(count, 'customer')} touched · recorded <When at={cause.createdAt} show="date" />
          </p>
        </div>
      </div>
      <div className="customer-layout">
        <div className="stack-large">
          <section className="card summary-card" aria-labelledby="cause-summary-heading">
            <h2 id="cause-summary-heading" className="card-title">
              What went wrong
            </h2>
            {cause.description ? <p className="cause-description">{cause.description}</p> : <p className="muted">No description.</p>}
            <dl className="details details-inline">
              <div className="details-wide">
                <dt>Events it matches</dt>
                <dd>
                  <code className="code">{selectorWords(s)}</code>
                </dd>
              </div>
              {s.from && (
                <div>
                  <dt>From</dt>
                  <dd>{formatDateTime(s.from)}</dd>
                </div>
              )}
              {s.to && (
                <div>
                  <dt>Before</dt>
                  <dd>{formatDateTime(s.to)}</dd>
                </div>
              )}
            </dl>
          </section>
          <section aria-labelledby="affected-heading">
            <div className="section-head">
              <h2 id="affected-heading">Customers it touched</h2>
            </div>
            <AffectedList list={affected} />
          </section>
        </div>
        <aside className="stack-large" aria-label="Contact the customers">
          <OutreachPanel
            cause={cause}
            departments={departments.state.status === 'ready' ? departments.state.data : []}
            onFinished={() => {
              affected.retry();
              onRefresh();
            }}
          />
        </aside>
      </div>
    </div>
  );
}

function AffectedList({ list }: { list: PagedList<AffectedCustomer> }) {
  const stale = list.status === 'loading' && list.items.length > 0;
  return (
    <PagedStates
      list={list}
      loading="Finding the customers…"
      empty={
        <EmptyState icon={<UsersIcon />} title="No customer matches yet">
          <p>Customers appear here as soon as one of their events matches the cause’s selector, whether or not they complained.</p>
        </EmptyState>
      }
      moreLabel="Load more customers"
    >
      <DataTable
        columns={['Customer', 'Case', 'Matching events', 'First one']}
        className="table table-compact table-narrow-hide"
        stale={stale}
      >
        {list.items.map((a) => (
          <tr key={a.customerId}>
            <td>
              <div className="customer-cell-text">
                <Link to={`/customers/${a.customerId}`}>{customerName(a)}</Link>
                {a.email && a.email !== customerName(a) && <span className="muted">{a.email}</span>}
              </div>
            </td>
            <td>
              {a.caseId && a.caseStatus ? (
                <span className="affected-case">
                  <Link to={`/cases/${a.caseId}`}>
                    {a.caseStatus === 'open' ? 'Open case' : 'Closed case'}
                    <span className="visually-hidden"> of {customerName(a)}</span>
                  </Link>
                  {a.caseLinked ? <span className="pill pill-linked">Linked</span> : <span className="pill pill-muted">Not linked</span>}
                </span>
              ) : (
                <span className="muted">No case</span>
              )}
            </td>
            <td>{a.events}</td>
            <td className="nowrap">
              <When at={a.firstEventAt} show="date" />
            </td>
          </tr>
        ))}
      </DataTable>
    </PagedStates>
  );
}
