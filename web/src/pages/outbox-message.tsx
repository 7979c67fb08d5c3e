// One message of the outbox on its own page (tasks and the timeline link here): the decision,
// the customer, the rule and event behind it, the text, and Release / Cancel while it is held.
import { useState } from 'react';
import { api, ApiError, messageOf } from '../api.ts';
import { ArrowLeftIcon } from '../components/icons.tsx';
import { MessageCard, type Decision } from '../components/message-card.tsx';
import { EmptyState, ErrorNotice, Loading } from '../components/states.tsx';
import { useDocumentTitle, useLoad } from '../hooks.ts';
import { useMessages } from '../lookup.ts';
import { useGuardRuleMap } from '../outbox.ts';
import { Link } from '../router.tsx';
import type { OutboxMessage } from '../types.ts';
import { decisionNotice } from './outbox.tsx';

export function OutboxMessagePage({ id }: { id: string }) {
  const message = useLoad(`message|${id}`, (signal) => api<OutboxMessage>(`/api/v1/messages/${encodeURIComponent(id)}`, { signal }));
  const rules = useGuardRuleMap();
  const [notice, setNotice] = useState('');
  useDocumentTitle(message.state.status === 'ready' ? message.state.data.subject : 'Message');

  function decided(m: OutboxMessage, decision: Decision | undefined) {
    setNotice(decisionNotice(m, decision));
    useMessages.refresh(m.id);
    message.update(() => m);
  }

  return (
    <div className="page">
      <Link to="/outbox" className="back-link">
        <ArrowLeftIcon /> Outbox
      </Link>
      <h1 className="visually-hidden">Message</h1>
      <p className={notice ? 'notice notice-success section-gap' : 'visually-hidden'} role="status">
        {notice}
      </p>
      {message.state.status === 'loading' && <Loading label="Loading the message…" />}
      {message.state.status === 'error' &&
        (message.state.error instanceof ApiError && message.state.error.status === 404 ? (
          <EmptyState title="Message not found">
            <p>There is no message with this ID in your workspace.</p>
          </EmptyState>
        ) : (
          <ErrorNotice message={messageOf(message.state.error)} onRetry={message.reload} />
        ))}
      {message.state.status === 'ready' && (
        <MessageCard message={message.state.data} rules={rules} headingLevel={2} linkSubject={false} onDecided={decided} />
      )}
    </div>
  );
}
