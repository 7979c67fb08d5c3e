// One customer: who they are, and their timeline across departments, newest first, with
// filters by department and event type kept in the URL.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api.ts';
import { sourceStyle } from '../../shared/colours.ts';
import { ArrowLeftIcon } from '../../shared/icons.tsx';
import { EmptyState, PagedStates, RecordStates } from '../../shared/states.tsx';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { Timeline, TimelineFilters } from './timeline/timeline.tsx';
import { customerName } from '../../shared/customer-name.ts';
import { initialsOf } from '../../shared/format.ts';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import type { Customer, Department, Event, Page } from '../../shared/types.ts';
import { When } from '../../shared/tip/when.tsx';

const pageSize = 50;
/** How many older pages a link to one event may load while looking for it. */
const maxPagesToFind = 20;
const splitList = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function CustomerPage({ id }: { id: string }) {
  const { path, params } = useLocation();
  const sources = splitList(params.get('source'));
  const type = params.get('type') ?? '';
  const focusId = params.get('event') ?? undefined;
  const customer = useLoad(id, (signal) => api<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, { signal }));
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const timeline = usePaged<Event>(`${id}|${sources.join(',')}|${type}`, (cursor, signal) =>
    api<Page<Event>>(`/api/v1/customers/${encodeURIComponent(id)}/timeline`, {
      query: { source: sources.join(',') || undefined, type: type || undefined, limit: pageSize, cursor },
      signal,
    }),
  );

  // Sources and types seen so far stay offered as filters, even when a filter hides them.
  const [seen, setSeen] = useState<{ sources: string[]; types: string[] }>({ sources: [], types: [] });
  useEffect(() => {
    setSeen((s) => {
      const sourcesSeen = new Set([...s.sources, ...timeline.items.map((e) => e.source)]);
      const typesSeen = new Set([...s.types, ...timeline.items.map((e) => e.type)]);
      return sourcesSeen.size === s.sources.length && typesSeen.size === s.types.length
        ? s
        : { sources: [...sourcesSeen].sort(), types: [...typesSeen].sort() };
    });
  }, [timeline.items]);

  // A link to one event (from the outbox): load older pages until it is shown, within reason.
  const focusFound = !!focusId && timeline.items.some((e) => e.id === focusId);
  const pagesLoaded = useRef(0);
  const { status: timelineStatus, nextCursor, loadingMore, moreError, loadMore } = timeline;
  useEffect(() => {
    if (!focusId || focusFound || timelineStatus !== 'ready' || !nextCursor || loadingMore || moreError) return;
    if (pagesLoaded.current >= maxPagesToFind) return;
    pagesLoaded.current++;
    loadMore();
  }, [focusId, focusFound, timelineStatus, nextCursor, loadingMore, moreError, loadMore]);
  const focusMissing =
    !!focusId && !focusFound && timelineStatus === 'ready' && !loadingMore && (!nextCursor || pagesLoaded.current >= maxPagesToFind);

  const title = customer.state.status === 'ready' ? customerName(customer.state.data) : 'Customer';
  useDocumentTitle(title);

  if (customer.state.status !== 'ready') {
    return (
      <RecordStates
        state={customer.state}
        reload={customer.reload}
        noun="customer"
        backLink={<BackLink />}
        list={['/customers', 'customers']}
      />
    );
  }

  const c = customer.state.data;
  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const setFilters = (next: { sources?: string[]; type?: string }) => {
    const s = next.sources ?? sources;
    const t = next.type ?? type;
    navigate(withQuery(path, { source: s.join(','), type: t, event: focusId }), { replace: true });
  };
  const filtered = sources.length > 0 || type !== '';

  return (
    <div className="page">
      <BackLink />
      <header className="customer-header">
        <span className="avatar avatar-large" aria-hidden="true">
          {initialsOf(customerName(c))}
        </span>
        <div className="customer-header-text">
          <h1>{customerName(c)}</h1>
          <p className="customer-meta">
            {c.email && <span>{c.email}</span>}
            {c.externalId && (
              <span>
                External ID <code className="code">{c.externalId}</code>
              </span>
            )}
          </p>
        </div>
        <Link to={`/customers/${encodeURIComponent(c.id)}/as-customer`} className="button customer-as-customer">
          Be the customer: see what they received
        </Link>
      </header>

      <div className="customer-layout">
        <section className="timeline-section" aria-labelledby="timeline-heading">
          <div className="section-head">
            <h2 id="timeline-heading">Timeline</h2>
            <ExportMenu kind="events" filters={{ customerId: id, source: sources.join(','), type }} />
          </div>
          <TimelineFilters
            sources={[...new Set([...departmentList.map((d) => d.key), ...seen.sources, ...sources])].map((key) => ({
              key,
              style: sourceStyle(key, departmentList),
            }))}
            types={[...new Set([...seen.types, ...(type ? [type] : [])])].sort()}
            selectedSources={sources}
            selectedType={type}
            onChange={setFilters}
          />
          {focusMissing && (
            <p className="notice notice-info section-gap" role="status">
              {filtered
                ? 'The event the link points to is not among the events shown: the filters may hide it.'
                : nextCursor
                  ? 'The event the link points to is further back: load older events to find it.'
                  : 'The event the link points to is not on this customer’s timeline.'}
            </p>
          )}
          <PagedStates
            list={timeline}
            loading="Loading timeline…"
            empty={
              <EmptyState
                title={filtered ? 'No events match these filters' : 'No events yet'}
                action={
                  filtered && (
                    <button type="button" className="button" onClick={() => setFilters({ sources: [], type: '' })}>
                      Clear filters
                    </button>
                  )
                }
              >
                {!filtered && (
                  <p>
                    Events sent to <code className="code">POST /api/v1/events</code> about this customer appear here, newest first.
                  </p>
                )}
              </EmptyState>
            }
            moreLabel="Load older events"
          >
            <Timeline events={timeline.items} departments={departmentList} stale={timeline.status === 'loading'} focusId={focusId} />
          </PagedStates>
        </section>

        <aside className="customer-aside" aria-labelledby="details-heading">
          <div className="card">
            <h2 id="details-heading" className="card-title">
              Details
            </h2>
            <dl className="details">
              <div>
                <dt>E-mail</dt>
                <dd>{c.email ?? <span className="muted">—</span>}</dd>
              </div>
              <div>
                <dt>External ID</dt>
                <dd>{c.externalId ? <code className="code">{c.externalId}</code> : <span className="muted">—</span>}</dd>
              </div>
              <div>
                <dt>First seen</dt>
                <dd>
                  <When at={c.createdAt} />
                </dd>
              </div>
              <div>
                <dt>Last event</dt>
                <dd>{c.lastEventAt ? <When at={c.lastEventAt} /> : <span className="muted">None yet</span>}</dd>
              </div>
              <div>
                <dt>Kept ID</dt>
                <dd>
                  <code className="code code-small">{c.id}</code>
                </dd>
              </div>
            </dl>
          </div>
        </aside>
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/customers" className="back-link">
      <ArrowLeftIcon /> Customers
    </Link>
  );
}
