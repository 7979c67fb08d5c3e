// The outbox's events on a customer's timeline, readable: a held or cancelled message with the
// guard's reason first, a released one with who released it, a task closed by a person or by the
// event it waited for. Each links to the message in the outbox and to the event behind it.
import type { ReactNode } from 'react';
import { useMessages, useTasks } from '../../shared/lookup.ts';
import { messageHref, ruleHref } from './outbox.ts';
import { Link } from '../../shared/router.tsx';
import type { Event } from '../../shared/types.ts';
import { DecisionText } from './decision-text.tsx';

export const outboxEventTypes = ['message.held', 'message.cancelled', 'message.released', 'message.queued', 'task.closed'];

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export function isOutboxEvent(event: Event): boolean {
  return outboxEventTypes.includes(event.type) && (!!str(event.data.messageId) || !!str(event.data.taskId));
}

export function OutboxEventSummary({ event }: { event: Event }) {
  return event.type === 'task.closed' ? <TaskClosed event={event} /> : <MessageEvent event={event} />;
}

function MessageEvent({ event }: { event: Event }) {
  const d = event.data;
  const messageId = str(d.messageId)!;
  const reason = str(d.reason);
  const note = str(d.note);
  const resolvedBy = str(d.resolvedByEventId);
  // Who decided is on the message; the event carries only their id.
  const decided = event.type === 'message.released' || (event.type === 'message.cancelled' && !reason);
  const found = useMessages(decided ? [messageId] : []).get(messageId);
  const message = found && found !== 'missing' ? found : undefined;
  const subject = str(d.subject) ?? 'A message';

  let headline: ReactNode;
  if (reason) headline = <DecisionText text={reason} customerId={event.customerId} eventId={str(d.eventId) ?? null} />;
  else if (event.type === 'message.released') headline = `Released${message?.decidedBy ? ` by ${message.decidedBy.name}` : ''} and sent.`;
  else if (resolvedBy) headline = 'Cancelled: the event its task waited for arrived, so the message was wrong.';
  else headline = `Cancelled${message?.decidedBy ? ` by ${message.decidedBy.name}` : ''}: it will not be sent.`;

  return (
    <div className="outbox-event">
      <p className="outbox-event-reason">{headline}</p>
      <p className="outbox-event-line">
        “{subject}”{' '}
        <span className="muted">
          ({str(d.kind) ?? 'message'} from {str(d.source) ?? 'a system'})
        </span>{' '}
        · <Link to={messageHref(messageId)}>Open in the outbox</Link>
        {str(d.ruleId) && (
          <>
            {' '}
            · Rule: <Link to={ruleHref(str(d.ruleId)!)}>{str(d.ruleName) ?? 'the guard rule'}</Link>
          </>
        )}
      </p>
      {note && !reason && (
        <blockquote className="answer-reason">
          <DecisionText text={note} customerId={event.customerId} eventId={resolvedBy ?? null} />
        </blockquote>
      )}
    </div>
  );
}

function TaskClosed({ event }: { event: Event }) {
  const d = event.data;
  const taskId = str(d.taskId)!;
  const resolvedBy = str(d.resolvedByEventId);
  const note = str(d.note);
  const found = useTasks(resolvedBy ? [] : [taskId]).get(taskId);
  const task = found && found !== 'missing' ? found : undefined;
  return (
    <div className="outbox-event">
      <p className="outbox-event-reason">
        Task “{str(d.title) ?? 'a task'}” closed
        {resolvedBy ? ' by the event it waited for' : task?.closedBy ? ` by ${task.closedBy.name}` : ''}.
      </p>
      {note && (
        <blockquote className="answer-reason">
          <DecisionText text={note} customerId={event.customerId} eventId={resolvedBy ?? null} />
        </blockquote>
      )}
      <p className="outbox-event-line">
        <Link to="/tasks?status=done">Done tasks</Link>
      </p>
    </div>
  );
}
