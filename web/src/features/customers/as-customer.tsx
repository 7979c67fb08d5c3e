// Be the customer (seed 002): every mail this customer received, from every department, and every
// page of ours they saw, oldest first, each shown as they saw it: the HTML comes from the server
// (the stored mail, or the page rendered by the customer pages' own renderers) into a sandboxed
// frame, where no script runs and no form or link goes anywhere.
import { api } from '../../shared/api.ts';
import { customerName } from '../../shared/customer-name.ts';
import { formatDateTimeLong } from '../../shared/format.ts';
import { ArrowLeftIcon } from '../../shared/icons.tsx';
import { EmptyState, PagedStates, RecordStates } from '../../shared/states.tsx';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import type { Customer, CustomerEyeItem, Page } from '../../shared/types.ts';

const pageSize = 25;

export const typeText: Record<CustomerEyeItem['type'], string> = {
  mail: 'Mail',
  survey_page: 'Survey page',
  thank_you_page: 'Thank-you page',
  case_page: 'Case page',
};

export function AsCustomerPage({ id }: { id: string }) {
  const customer = useLoad(id, (signal) => api<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, { signal }));
  const items = usePaged<CustomerEyeItem>(id, (cursor, signal) =>
    api<Page<CustomerEyeItem>>(`/api/v1/customers/${encodeURIComponent(id)}/as-customer`, { query: { limit: pageSize, cursor }, signal }),
  );
  const name = customer.state.status === 'ready' ? customerName(customer.state.data) : 'the customer';
  useDocumentTitle(`As ${name} saw it`);
  const back = (
    <Link to={`/customers/${encodeURIComponent(id)}`} className="back-link">
      <ArrowLeftIcon /> {customer.state.status === 'ready' ? name : 'Customer'}
    </Link>
  );
  if (customer.state.status !== 'ready') {
    return (
      <RecordStates state={customer.state} reload={customer.reload} noun="customer" backLink={back} list={['/customers', 'customers']} />
    );
  }

  return (
    <div className="page">
      {back}
      <header className="page-header">
        <h1>As {name} saw it</h1>
        <p className="muted">
          Every mail {name} received from every department and every page of ours they saw, oldest first, shown as they saw it. Links and
          buttons inside do nothing here.
        </p>
      </header>
      <PagedStates
        list={items}
        loading="Loading what they received…"
        empty={
          <EmptyState title="Nothing reached this customer yet">
            <p>Mails sent to {name} and the survey and case pages they open appear here, in order.</p>
          </EmptyState>
        }
        moreLabel="Load later ones"
      >
        <ol className="as-customer-list" aria-label={`What ${name} received and saw, oldest first`}>
          {items.items.map((item) => (
            <li key={item.id}>
              <article className="card as-customer-item" aria-labelledby={`item-${item.id}`}>
                <header className="as-customer-head">
                  <p className="as-customer-when">
                    <span className="badge">{typeText[item.type]}</span> <time dateTime={item.at}>{formatDateTimeLong(item.at)}</time> ·
                    from {item.from}
                  </p>
                  <h2 id={`item-${item.id}`} className="card-title">
                    {item.title}
                  </h2>
                  <p className="muted">{item.note}</p>
                </header>
                <iframe
                  className="as-customer-frame"
                  src={item.view}
                  sandbox=""
                  loading="lazy"
                  referrerPolicy="no-referrer"
                  title={`${typeText[item.type]}: ${item.title}, as ${name} saw it`}
                />
              </article>
            </li>
          ))}
        </ol>
      </PagedStates>
    </div>
  );
}
