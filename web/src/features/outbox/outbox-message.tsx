// One message of the outbox on its own page (tasks and the timeline link here): the decision,
// the customer, the rule and event behind it, the text, and Release / Cancel while it is held.
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import { ArrowLeftIcon } from '../../shared/icons.tsx';
import { MessageCard, type Decision } from './message-card.tsx';
import { RecordStates } from '../../shared/states.tsx';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { useMessages } from '../../shared/lookup.ts';
import { useGuardRuleMap } from './outbox.ts';
import { Link } from '../../shared/router.tsx';
import type { OutboxMessage } from '../../shared/types.ts';
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

  if (message.state.status !== 'ready') {
    return (
      <RecordStates state={message.state} reload={message.reload} noun="message" backLink={<BackLink />} list={['/outbox', 'the outbox']} />
    );
  }
  return (
    <div className="page">
      <BackLink />
      <h1 className="visually-hidden">Message to {message.state.data.to}</h1>
      <p className={notice ? 'notice notice-success section-gap' : 'visually-hidden'} role="status">
        {notice}
      </p>
      <MessageCard message={message.state.data} rules={rules} headingLevel={2} linkSubject={false} onDecided={decided} />
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/outbox" className="back-link">
      <ArrowLeftIcon /> Outbox
    </Link>
  );
}
