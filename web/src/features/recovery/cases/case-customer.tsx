// The customer beside a case: who they are, the link to their own case page (signed, the same
// link every message to them carries), and their timeline across departments, newest first.
import { useRef } from 'react';
import { api } from '../../../shared/api.ts';
import { customerName } from '../../../shared/customer-name.ts';
import { usePaged } from '../../../shared/hooks.ts';
import { Link } from '../../../shared/router.tsx';
import type { CaseDetail, Department, Event, Page } from '../../../shared/types.ts';
import { CopyButton } from '../../../shared/copy-button.tsx';
import { ExternalIcon } from '../../../shared/icons.tsx';
import { EmptyState, PagedStates } from '../../../shared/states.tsx';
import { Timeline } from '../../customers/timeline/timeline.tsx';

export function CaseCustomer({ detail }: { detail: CaseDetail }) {
  const input = useRef<HTMLInputElement>(null);
  const c = detail.customer;
  return (
    <section className="card case-section" aria-labelledby="customer-heading">
      <h2 id="customer-heading" className="card-title">
        Customer
      </h2>
      <p>
        <Link to={`/customers/${detail.customerId}`} className="strong-link">
          {customerName(c)}
        </Link>
        {c.email && c.email !== customerName(c) && <span className="muted"> · {c.email}</span>}
      </p>
      <p className="field-hint case-url-hint" id="case-url-hint">
        Their own page for this case: the messages and what happens next. Every message to them carries it.
      </p>
      <div className="secret-row secret-row-wrap">
        <label htmlFor="case-url" className="visually-hidden">
          The customer’s case page
        </label>
        <input
          id="case-url"
          ref={input}
          className="input input-mono"
          readOnly
          value={detail.customerUrl}
          aria-describedby="case-url-hint"
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={detail.customerUrl} what="link to the customer’s case page" target={input} className="button button-small" />
        <a className="button button-small" href={detail.customerUrl} target="_blank" rel="noopener noreferrer">
          Open <ExternalIcon />
          <span className="visually-hidden">the customer’s case page (opens in a new tab)</span>
        </a>
      </div>
    </section>
  );
}

export function CaseTimeline({ detail, departments }: { detail: CaseDetail; departments: Department[] }) {
  const id = detail.customerId;
  const timeline = usePaged<Event>(
    `case-timeline|${id}|${detail.oopses.length}|${detail.playbook.filter((s) => s.status !== 'pending').length}`,
    (cursor, signal) => api<Page<Event>>(`/api/v1/customers/${encodeURIComponent(id)}/timeline`, { query: { limit: 10, cursor }, signal }),
  );
  return (
    <section aria-labelledby="case-timeline-heading" className="case-timeline">
      <div className="section-head">
        <h2 id="case-timeline-heading">Timeline</h2>
        <Link to={`/customers/${id}`} className="button button-ghost button-small">
          Whole timeline<span className="visually-hidden"> of {customerName(detail.customer)}</span>
        </Link>
      </div>
      <PagedStates
        list={timeline}
        loading="Loading timeline…"
        empty={
          <EmptyState title="No events yet">
            <p>What other departments send about this customer appears here, newest first.</p>
          </EmptyState>
        }
        moreLabel="Load older events"
      >
        {<Timeline events={timeline.items} departments={departments} stale={timeline.status === 'loading'} />}
      </PagedStates>
    </section>
  );
}
