// The outbox: every message to a customer and the guard's decision on it. Held messages come
// first, each with its reason in words, the customer, the rule and the event behind it, and
// Release / Cancel; then every message, filtered by status and paged.
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import { customerName } from '../../shared/customer-name.ts';
import { InboxIcon } from '../../shared/icons.tsx';
import { MessageCard, MessageStatus, type Decision } from './message-card.tsx';
import { EmptyState, PageHeader, PagedStates } from '../../shared/states.tsx';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { useDocumentTitle, usePaged } from '../../shared/hooks.ts';
import { useMessages } from '../../shared/lookup.ts';
import { messageHref, splitAtEvent, statusText, useGuardRuleMap, type MessageStatus as Status } from './outbox.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import type { OutboxMessage, Page } from '../../shared/types.ts';
import { When } from '../../shared/tip/when.tsx';

const statuses: Status[] = ['passed', 'held', 'released', 'cancelled'];
const heldPageSize = 20;
const pageSize = 50;

/** What the person just did, said once at the top of the page. */
export function decisionNotice(m: OutboxMessage, decision: Decision | undefined): string {
  if (!decision) return `“${m.subject}” was ${statusText[m.status].toLowerCase()} by someone else meanwhile.`;
  return decision === 'release'
    ? `Released “${m.subject}”: it is on its way to ${m.to}.`
    : `Cancelled “${m.subject}”: it will not be sent.`;
}

export function OutboxPage() {
  useDocumentTitle('Outbox');
  const { path, params } = useLocation();
  const status = statuses.find((s) => s === params.get('status')) ?? '';
  const rules = useGuardRuleMap();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');

  const held = usePaged<OutboxMessage>(`held|${version}`, (cursor, signal) =>
    api<Page<OutboxMessage>>('/api/v1/messages', { query: { status: 'held', limit: heldPageSize, cursor }, signal }),
  );
  const all = usePaged<OutboxMessage>(`all|${status}|${version}`, (cursor, signal) =>
    api<Page<OutboxMessage>>('/api/v1/messages', { query: { status: status || undefined, limit: pageSize, cursor }, signal }),
  );

  function decided(m: OutboxMessage, decision: Decision | undefined) {
    setNotice(decisionNotice(m, decision));
    useMessages.refresh(m.id);
    setVersion((v) => v + 1);
  }

  return (
    <div className="page">
      <PageHeader
        title="Outbox"
        description="Every message to a customer leaves through here. Before it goes, the guard rules check it against the customer’s timeline, and a message that contradicts what the company already knows is held for a person to decide."
        actions={<ExportMenu kind="messages" filters={{ status }} />}
      />
      <p className={notice ? 'notice notice-success section-gap' : 'visually-hidden'} role="status">
        {notice}
      </p>

      <section className="outbox-section" aria-labelledby="held-heading">
        <div className="section-head">
          <div className="heading-row">
            <h2 id="held-heading">Held</h2>
            {held.status === 'ready' && held.items.length > 0 && (
              <span className="pill pill-warn">
                {held.items.length}
                {held.nextCursor ? '+' : ''}
                <span className="visually-hidden"> held</span>
              </span>
            )}
          </div>
        </div>
        <PagedStates
          list={held}
          loading="Loading held messages…"
          empty={
            <EmptyState icon={<InboxIcon />} title="Nothing is held">
              <p>No message contradicted a customer’s timeline. When one does, it waits here for someone to release or cancel it.</p>
            </EmptyState>
          }
          moreLabel="Load more held messages"
        >
          <ol className={held.status === 'loading' ? 'message-list is-stale' : 'message-list'} aria-label="Held messages, newest first">
            {held.items.map((m) => (
              <li key={m.id}>
                <MessageCard message={m} rules={rules} onDecided={decided} />
              </li>
            ))}
          </ol>
        </PagedStates>
      </section>

      <section className="outbox-section" aria-labelledby="all-heading">
        <div className="section-head section-head-wrap">
          <h2 id="all-heading">All messages</h2>
          <div className="segmented" role="group" aria-label="Show messages">
            {(['', ...statuses] as const).map((s) => (
              <button
                key={s || 'all'}
                type="button"
                className="segment"
                aria-pressed={status === s}
                onClick={() => navigate(withQuery(path, { status: s || undefined }), { replace: true })}
              >
                {s ? statusText[s] : 'All'}
              </button>
            ))}
          </div>
        </div>
        <PagedStates
          list={all}
          loading="Loading messages…"
          empty={
            <EmptyState title={status ? `No ${statusText[status].toLowerCase()} messages` : 'No messages yet'}>
              <p>
                {status
                  ? 'Choose another status to see the rest.'
                  : 'Survey invitations, case messages and the notices other systems send through POST /api/v1/messages appear here.'}
              </p>
            </EmptyState>
          }
          moreLabel="Load older messages"
        >
          {<MessageTable messages={all.items} stale={all.status === 'loading'} />}
        </PagedStates>
      </section>
    </div>
  );
}

function MessageTable({ messages, stale }: { messages: OutboxMessage[]; stale: boolean }) {
  return (
    <div className={stale ? 'card table-card is-stale' : 'card table-card'}>
      <div className="table-scroll">
        <table className="table table-compact message-table">
          <caption className="visually-hidden">Messages, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Message and decision</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>
                  <div className="message-cell">
                    <Link to={messageHref(m.id)}>{m.subject}</Link>
                    <span className="muted">
                      <code className="code">{m.kind}</code> from {m.source}
                    </span>
                    <span className="message-cell-decision">{withoutEventRef(m)}</span>
                  </div>
                </td>
                <td>
                  <Link to={`/customers/${encodeURIComponent(m.customerId)}`}>{customerName(m.customer)}</Link>
                </td>
                <td className="nowrap">
                  <MessageStatus status={m.status} />
                </td>
                <td className="nowrap">
                  <When at={m.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The decision without its "(event …)" reference: the message's page links the event. */
function withoutEventRef(m: OutboxMessage): string {
  const parts = splitAtEvent(m.decision, m.eventId);
  return parts ? `${parts.before}${parts.after}` : m.decision;
}
