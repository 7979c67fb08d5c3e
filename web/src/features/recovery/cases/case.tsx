// One case: its clock (started at the oops), the playbook step by step beside the customer's
// timeline, the conversation with the customer, who owns it, its cause, and closing it.
import { CaseCustomerTitle } from './case-customer-title.tsx';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../shared/api.ts';
import { CaseStatusPill, OriginTag, SeverityPill } from './case-badges.tsx';
import { CaseCause } from './case-cause.tsx';
import { ClockPanel } from './case-clock.tsx';
import { CaseCustomer, CaseTimeline } from './case-customer.tsx';
import { CaseMessages } from './case-messages.tsx';
import { CaseOwner } from './case-owner.tsx';
import { CasePromises } from './case-promises.tsx';
import { CustomerWords } from './customer-words.tsx';
import { CloseCaseButton } from './close-case.tsx';
import { ArrowLeftIcon } from '../../../shared/icons.tsx';
import { Playbook } from '../playbook/playbook.tsx';
import { RestitutionOffers } from '../restitution/restitution-offers.tsx';
import { RecordStates } from '../../../shared/states.tsx';
import { customerName } from '../../../shared/customer-name.ts';
import { useDocumentTitle, useLoad } from '../../../shared/hooks.ts';
import { useNow } from '../../../shared/now.ts';
import { Link, useLocation } from '../../../shared/router.tsx';
import type { CaseDetail, Cause, Department, Page, User } from '../../../shared/types.ts';
import { When } from '../../../shared/tip/when.tsx';

const refreshMs = 30_000;

export function CasePage({ id }: { id: string }) {
  const detail = useLoad(`case|${id}`, (signal) => api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`, { signal }));
  const update = detail.update;
  const refresh = useCallback(
    () =>
      void api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`).then(
        (d) => update(() => d),
        () => undefined, // the page keeps what it has; the next action reports any trouble
      ),
    [id, update],
  );
  // The customer may reply, a colleague take a step, the clock escalate: look again now and then while the page is in view.
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refresh]);
  useDocumentTitle(detail.state.status === 'ready' ? `#${detail.state.data.number} ${detail.state.data.title}` : 'Case');

  if (detail.state.status !== 'ready') {
    return <RecordStates state={detail.state} reload={detail.reload} noun="case" backLink={<BackLink />} list={['/cases', 'cases']} />;
  }
  return <CaseView detail={detail.state.data} onChange={(d) => detail.update(() => d)} refresh={refresh} />;
}

function BackLink() {
  return (
    <Link to="/cases" className="back-link">
      <ArrowLeftIcon /> Cases
    </Link>
  );
}

function CaseView({ detail, onChange, refresh }: { detail: CaseDetail; onChange: (d: CaseDetail) => void; refresh: () => void }) {
  const { params } = useLocation();
  const now = useNow(15_000);
  const [announcement, setAnnouncement] = useState('');
  const users = useLoad('users', (signal) => api<{ items: User[] }>('/api/v1/users', { signal }).then((r) => r.items));
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const causes = useLoad(`causes|${detail.causeId ?? ''}`, async (signal) => {
    const list = (await api<Page<Cause>>('/api/v1/causes', { query: { limit: 200 }, signal })).items;
    if (detail.causeId && !list.some((c) => c.id === detail.causeId)) {
      list.push(await api<Cause>(`/api/v1/causes/${detail.causeId}`, { signal }));
    }
    return list;
  });
  const userList = users.state.status === 'ready' ? users.state.data : [];
  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const causeList = causes.state.status === 'ready' ? causes.state.data : [];
  const joined = params.get('joined') === 'true';

  const saved = (d: CaseDetail, what: string) => {
    onChange(d);
    setAnnouncement(what);
  };

  return (
    <div className="page">
      <BackLink />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {joined && (
        <div className="notice notice-info section-gap">
          {customerName(detail.customer)} already had this open case: the oops you reported joined it, and its clock starts at the earliest
          oops.
        </div>
      )}
      <div className="page-header case-header">
        <div>
          {/* The state beside the heading, not in it: the heading is the case's name alone. */}
          <div className="heading-row">
            <h1>
              <span className="case-number">#{detail.number}</span> {detail.title}
            </h1>
            <CaseStatusPill status={detail.status} />
          </div>
          <p className="page-description case-meta">
            <Link to={`/customers/${detail.customerId}`}>{customerName(detail.customer)}</Link>
            <span aria-hidden="true">·</span>
            <OriginTag origin={detail.origin} />
            <span aria-hidden="true">·</span>
            <SeverityPill severity={detail.severity} />
            <span aria-hidden="true">·</span>
            <span>
              opened <When at={detail.openedAt} now={now} />
            </span>
          </p>
          <CaseCustomerTitle detail={detail} onSaved={saved} />
        </div>
        <div className="page-actions">
          {detail.status === 'open' ? (
            <CloseCaseButton detail={detail} onClosed={(d) => saved(d, `Case #${d.number} closed`)} onRefusal={refresh} />
          ) : (
            <p className="muted closed-note">
              Closed {detail.closedBy && `by ${detail.closedBy.name} `}
              {detail.closedAt && <When at={detail.closedAt} show="dateTime" />}
            </p>
          )}
        </div>
      </div>

      <CustomerWords detail={detail} />
      <ClockPanel c={detail} now={now} />

      <div className="case-layout">
        <div className="stack-large">
          <section aria-labelledby="playbook-heading">
            <div className="section-head">
              <h2 id="playbook-heading">Playbook</h2>
              {detail.nextStep === null && detail.status === 'open' && <span className="muted">Every step taken: the case can close.</span>}
            </div>
            <Playbook detail={detail} users={userList} causes={causeList} onSaved={(d) => saved(d, 'Step saved')} onOutOfOrder={refresh} />
          </section>
          <RestitutionOffers detail={detail} onChanged={refresh} />
          <CaseMessages
            detail={detail}
            onSent={(m) => {
              onChange({ ...detail, messages: [...detail.messages, m] });
              setAnnouncement('Message sent');
            }}
          />
          <Oopses detail={detail} />
        </div>
        <aside className="stack-large case-aside" aria-label="About this case">
          <CaseOwner detail={detail} users={userList} departments={departmentList} onSaved={(d) => saved(d, 'Case updated')} />
          <CaseCause
            detail={detail}
            causes={causeList}
            causesReady={causes.state.status !== 'loading'}
            onSaved={(d) => saved(d, d.causeId ? 'Cause linked' : 'Cause unlinked')}
          />
          <CasePromises caseId={detail.id} customerId={detail.customerId} open={detail.status === 'open'} />
          <CaseCustomer detail={detail} />
          <CaseTimeline detail={detail} departments={departmentList} />
        </aside>
      </div>
    </div>
  );
}

function Oopses({ detail }: { detail: CaseDetail }) {
  const oopses = [...detail.oopses].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <section className="card case-section" aria-labelledby="oopses-heading">
      <h2 id="oopses-heading" className="card-title">
        {oopses.length === 1 ? 'The oops' : `The oopses (${oopses.length})`}
      </h2>
      <ol className="oops-list">
        {oopses.map((o) => (
          <li key={o.id}>
            <p>
              <OriginTag origin={o.kind} /> <When at={o.occurredAt} show="dateTime" />
              {o.reportedAt !== o.occurredAt && (
                <span className="muted">
                  {' '}
                  · reported <When at={o.reportedAt} show="dateTime" />
                </span>
              )}
            </p>
            <p className="oops-summary">{o.summary}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
