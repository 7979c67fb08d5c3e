// Customers: search (debounced, kept in the URL so it survives reloads and can be shared),
// newest first, with "Load more" for the next page.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { InboxIcon, SearchIcon } from '../../shared/icons.tsx';
import { EmptyState, PageHeader, PagedStates } from '../../shared/states.tsx';
import { customerName } from '../../shared/customer-name.ts';
import { initialsOf } from '../../shared/format.ts';
import { useDebounced, useDocumentTitle, usePaged } from '../../shared/hooks.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import type { Page } from '../../shared/types.ts';
import type { CustomerListItem as Customer } from '../../../../contract/customers.ts';
import { scoreWords } from './customer-summary.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { When } from '../../shared/tip/when.tsx';

const pageSize = 50;

export function CustomersPage() {
  useDocumentTitle('Customers');
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const [input, setInput] = useState(q);
  const settled = useDebounced(input.trim(), 300);
  const urlQ = useRef(q); // the search this page last wrote to the URL

  const search = (value: string) => {
    urlQ.current = value;
    navigate(withQuery('/customers', { q: value }), { replace: true });
  };
  useEffect(() => {
    if (settled !== urlQ.current) search(settled);
  }, [settled]);
  useEffect(() => {
    if (q !== urlQ.current) {
      urlQ.current = q; // Back or Forward changed the URL: show its search in the box
      setInput(q);
    }
  }, [q]);

  const list = usePaged<Customer>(q, (cursor, signal) =>
    api<Page<Customer>>('/api/v1/customers', { query: { q: q || undefined, limit: pageSize, cursor }, signal }),
  );
  const stale = list.status === 'loading' && list.items.length > 0;

  return (
    <div className="page">
      <PageHeader
        title="Customers"
        description="Everyone your systems have told Kept about, most recent first."
        actions={<ExportMenu kind="customers" filters={{ q }} />}
      />
      <form
        role="search"
        className="toolbar"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          search(input.trim());
        }}
      >
        <div className="search">
          <SearchIcon />
          <label htmlFor="customer-search" className="visually-hidden">
            Search customers
          </label>
          <input
            id="customer-search"
            className="input search-input"
            type="search"
            placeholder="Search by name, e-mail or external ID"
            autoComplete="off"
            spellCheck={false}
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
        </div>
      </form>

      <PagedStates
        list={list}
        loading={<TableSkeleton />}
        empty={
          q ? (
            <NoResults
              q={q}
              onClear={() => {
                setInput('');
                search('');
              }}
            />
          ) : (
            <NoCustomers />
          )
        }
      >
        <DataTable
          columns={['Customer', 'External ID', 'Open case', 'Last score', 'Last contact', 'Added']}
          className="table table-narrow-hide"
          stale={stale}
        >
          {list.items.map((c) => (
            <CustomerRow key={c.id} customer={c} />
          ))}
        </DataTable>
      </PagedStates>
      <p className="visually-hidden" role="status">
        {list.status === 'ready' &&
          (list.items.length === 0 ? 'No customers found' : `${list.items.length}${list.nextCursor ? ' or more' : ''} customers`)}
      </p>
    </div>
  );
}

function CustomerRow({ customer: c }: { customer: Customer }) {
  const name = customerName(c);
  return (
    <tr className="row-link">
      <td>
        <div className="customer-cell">
          <span className="avatar" aria-hidden="true">
            {initialsOf(name)}
          </span>
          <div className="customer-cell-text">
            <Link to={`/customers/${c.id}`} className="row-link-target">
              {name}
            </Link>
            {c.email && c.email !== name && <span className="muted">{c.email}</span>}
          </div>
        </div>
      </td>
      <td>{c.externalId ? <code className="code">{c.externalId}</code> : <span className="muted">—</span>}</td>
      <td>
        {c.openCase ? (
          <Link to={`/cases/${c.openCase.id}`}>
            #{c.openCase.number} {c.openCase.title}
          </Link>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>{c.lastScore ? scoreWords(c.lastScore) : <span className="muted">No answer yet</span>}</td>
      <td>{c.lastContactAt ? <When at={c.lastContactAt} /> : <span className="muted">No contact yet</span>}</td>
      <td>
        <When at={c.createdAt} show="date" />
      </td>
    </tr>
  );
}

function NoCustomers() {
  return (
    <EmptyState icon={<InboxIcon />} title="No customers yet">
      <p>
        Send events to <code className="code">POST /api/v1/events</code>, and the people they are about appear here. Or stop Kept, run{' '}
        <code className="code">npx kept demo</code> and start it again, for a company already at work.
      </p>
      <p>
        <a href="/api/docs">Read the API reference</a>
      </p>
    </EmptyState>
  );
}

function NoResults({ q, onClear }: { q: string; onClear: () => void }) {
  return (
    <EmptyState
      icon={<SearchIcon size={24} />}
      title={`No customers match “${q}”`}
      action={
        <button type="button" className="button" onClick={onClear}>
          Clear search
        </button>
      }
    >
      <p>Search matches part of a name, e-mail address or external ID.</p>
    </EmptyState>
  );
}

function TableSkeleton() {
  return (
    <div className="card table-card" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading customers…
      </p>
      {[0, 1, 2, 3, 4].map((i) => (
        <div className="skeleton-row" key={i} aria-hidden="true">
          <span className="skeleton skeleton-avatar" />
          <span className="skeleton skeleton-line" />
          <span className="skeleton skeleton-line skeleton-short" />
        </div>
      ))}
    </div>
  );
}
