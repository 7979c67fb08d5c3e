// One message in the outbox: the guard's decision in words first, then what the message is, to
// whom, the rule and the event behind the decision; a held one can be released or cancelled
// (with a note, after a confirmation that says what will happen).
import { useState } from 'react';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { customerName } from '../../shared/customer-name.ts';
import { useTasks } from '../../shared/lookup.ts';
import { eventHref, messageHref, refreshHeldCount, ruleHref, statusDot, statusHint, statusText } from './outbox.ts';
import { Link } from '../../shared/router.tsx';
import type { GuardRuleRecord, OutboxMessage } from '../../shared/types.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { DecisionText } from './decision-text.tsx';
import { NoteDialog } from './note-dialog.tsx';
import { When } from '../../shared/tip/when.tsx';
import { Tip } from '../../shared/tip/tip.tsx';

export function MessageStatus({ status }: { status: OutboxMessage['status'] }) {
  return (
    <Tip text={statusHint[status]}>
      <span className="status nowrap">
        <span className={`status-dot status-dot-${statusDot[status]}`} aria-hidden="true" />
        {statusText[status]}
      </span>
    </Tip>
  );
}

export function MessageCard({
  message: m,
  rules,
  headingLevel = 3,
  linkSubject = true,
  onDecided,
}: {
  message: OutboxMessage;
  rules: ReadonlyMap<string, GuardRuleRecord>;
  headingLevel?: 2 | 3;
  /** false on the message's own page */
  linkSubject?: boolean;
  /** `decision` is undefined when someone else decided first */
  onDecided: (m: OutboxMessage, decision: Decision | undefined) => void;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `message-${m.id}`;
  const rule = m.ruleId ? rules.get(m.ruleId) : undefined;
  return (
    <article className={`card message-card message-${m.status}`} aria-labelledby={headingId}>
      <p className="message-decision">
        <DecisionText text={m.decision} customerId={m.customerId} eventId={m.eventId} />
      </p>
      <Heading className="message-subject" id={headingId}>
        {linkSubject ? <Link to={messageHref(m.id)}>“{m.subject}”</Link> : `“${m.subject}”`}
        <span className="message-kind">
          {' '}
          <code className="code">{m.kind}</code> from {m.source}
        </span>
      </Heading>
      <dl className="details details-inline message-facts">
        {!linkSubject && (
          <div>
            <dt>Status</dt>
            <dd>
              <MessageStatus status={m.status} />
            </dd>
          </div>
        )}
        <div>
          <dt>Customer</dt>
          <dd>
            <Link to={`/customers/${encodeURIComponent(m.customerId)}`}>{customerName(m.customer)}</Link>
          </dd>
        </div>
        <div>
          <dt>{m.status === 'passed' || m.status === 'released' ? 'Sent to' : 'Would go to'}</dt>
          <dd>{m.to}</dd>
        </div>
        {m.ruleId && (
          <div>
            <dt>Rule</dt>
            <dd>
              <Link to={ruleHref(m.ruleId)}>{rule?.name ?? 'The guard rule'}</Link>
              {rule && !rule.enabled && <span className="pill pill-muted">Disabled now</span>}
            </dd>
          </div>
        )}
        {m.eventId && (
          <div>
            <dt>Because of</dt>
            <dd>
              <Link to={eventHref(m.customerId, m.eventId)}>The event on {customerName(m.customer)}’s timeline</Link>
            </dd>
          </div>
        )}
        {m.taskId && <TaskFact taskId={m.taskId} />}
        <div>
          <dt>{m.status === 'held' ? 'Held' : 'Created'}</dt>
          <dd>
            <When at={m.createdAt} />
          </dd>
        </div>
      </dl>
      {(m.status === 'released' || m.status === 'cancelled') && m.decidedAt && <DecidedLine message={m} />}
      <details className="message-text">
        <summary>The message as written</summary>
        <pre className="code-block" tabIndex={0} role="group" aria-label={`Text of “${m.subject}”`}>
          {m.text}
        </pre>
      </details>
      {m.status === 'held' && <DecisionButtons message={m} onDecided={onDecided} />}
    </article>
  );
}

function TaskFact({ taskId }: { taskId: string }) {
  const task = useTasks([taskId]).get(taskId);
  const known = task && task !== 'missing' ? task : undefined;
  return (
    <div>
      <dt>Task</dt>
      <dd>
        <Link to={known?.status === 'done' ? '/tasks?status=done' : '/tasks'}>{known ? known.title : 'The task it became'}</Link>
        {known && <span className="muted"> ({known.status === 'open' ? 'open' : 'done'})</span>}
      </dd>
    </div>
  );
}

function DecidedLine({ message: m }: { message: OutboxMessage }) {
  // The status badge already says "Released" or "Cancelled": the line goes on from it ("by Ana, 2 h ago").
  const who = m.decidedBy ? `by ${m.decidedBy.name}` : m.decidedNote?.startsWith('Resolved:') ? 'by the event its task waited for' : '';
  return (
    <div className="message-decided">
      <p>
        <MessageStatus status={m.status} />{' '}
        <span>
          {who}
          {who && ', '}
          <When at={m.decidedAt!} />
          {m.status === 'released' && m.mailId && (
            <>
              {' '}
              · <Link to={`/mails/${m.mailId}`}>the mail</Link>
            </>
          )}
        </span>
      </p>
      {m.decidedNote && <blockquote className="answer-reason">{m.decidedNote}</blockquote>}
    </div>
  );
}

export type Decision = 'release' | 'cancel';

function DecisionButtons({
  message: m,
  onDecided,
}: {
  message: OutboxMessage;
  onDecided: (m: OutboxMessage, d: Decision | undefined) => void;
}) {
  const { session } = useSession();
  const [deciding, setDeciding] = useState<Decision>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Decided by someone else meanwhile: shown once this dialog is dismissed.
  const [changed, setChanged] = useState<OutboxMessage>();

  async function decide(decision: Decision, note: string | undefined) {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api<OutboxMessage>(`/api/v1/messages/${encodeURIComponent(m.id)}/${decision}`, {
        method: 'POST',
        body: note ? { note } : {},
      });
      setDeciding(undefined);
      refreshHeldCount();
      if (m.taskId) useTasks.refresh(m.taskId);
      onDecided(updated, decision);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.status === 409) {
        setChanged(await api<OutboxMessage>(`/api/v1/messages/${encodeURIComponent(m.id)}`).catch(() => undefined));
        refreshHeldCount();
      }
    } finally {
      setBusy(false);
    }
  }

  function dismiss() {
    setDeciding(undefined);
    setError(undefined);
    if (changed) onDecided(changed, undefined);
  }

  const subject = `“${m.subject}”`;
  const mayRelease = hasRole(session.user.role, 'manager');
  return (
    <div className="message-actions">
      {mayRelease ? (
        <button type="button" className="button button-primary" onClick={() => setDeciding('release')}>
          Release<span className="visually-hidden"> {subject}</span>
        </button>
      ) : (
        <span className="field-hint">A manager releases held messages.</span>
      )}
      <button type="button" className="button button-danger-ghost" onClick={() => setDeciding('cancel')}>
        Cancel<span className="visually-hidden"> {subject}</span>
      </button>
      <NoteDialog
        open={deciding === 'release'}
        title={`Release ${subject}?`}
        confirmLabel="Release and send"
        dismissLabel="Keep it held"
        noteHint="Why it is right to send after all: kept with the message."
        busy={busy}
        error={deciding === 'release' ? error : undefined}
        onConfirm={(note) => void decide('release', note)}
        onDismiss={dismiss}
      >
        <p>
          This sends {subject} to <strong>{m.to}</strong> now, although the guard found it contradicts the customer’s timeline.
          {m.taskId && ' Its task closes.'}
        </p>
      </NoteDialog>
      <NoteDialog
        open={deciding === 'cancel'}
        title={`Cancel ${subject}?`}
        confirmLabel="Cancel the message"
        dismissLabel="Keep it held"
        tone="danger"
        noteHint="Why it must not go: kept with the message and on the timeline."
        busy={busy}
        error={deciding === 'cancel' ? error : undefined}
        onConfirm={(note) => void decide('cancel', note)}
        onDismiss={dismiss}
      >
        <p>
          {subject} will never be sent to <strong>{m.to}</strong>. The decision and your note stay with the message and on the customer’s
          timeline.{m.taskId && ' Its task closes.'}
        </p>
      </NoteDialog>
    </div>
  );
}
