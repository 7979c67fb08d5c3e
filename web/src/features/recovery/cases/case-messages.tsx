// The conversation with the customer on a case: what the company sent (the acknowledgement,
// the apology, replies) and what the customer wrote, oldest first, and a box to write to them.
// Each message to the customer goes out by e-mail with the link to their own case page.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../shared/api.ts';
import { customerName } from '../../../shared/customer-name.ts';
import { formatDateTime, formatRelative } from '../../../shared/format.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import type { CaseDetail, CaseMessage } from '../../../shared/types.ts';
import { TextAreaField } from '../../../shared/fields.tsx';
import { ErrorNotice } from '../../../shared/states.tsx';
import { FormActions } from '../../../shared/form-actions.tsx';
import { When } from '../../../shared/tip/when.tsx';

export function CaseMessages({ detail, onSent }: { detail: CaseDetail; onSent: (m: CaseMessage) => void }) {
  const messages = [...detail.messages].sort((a, b) => a.at.localeCompare(b.at));
  const who = customerName(detail.customer);
  return (
    <section className="card case-section" aria-labelledby="messages-heading">
      <h2 id="messages-heading" className="card-title">
        Messages with {who}
      </h2>
      {messages.length === 0 ? (
        <p className="muted">No messages yet. The acknowledgement and the apology appear here once sent, with the customer’s replies.</p>
      ) : (
        <ol className="thread" aria-label="Messages, oldest first">
          {messages.map((m) => (
            <li key={m.id} className={m.direction === 'to_customer' ? 'message message-out' : 'message message-in'}>
              <p className="message-head">
                <span className="message-who">{m.direction === 'to_customer' ? `${m.by?.name ?? 'Kept'} to ${who}` : `${who} wrote`}</span>
                <When at={m.at}>
                  {formatRelative(m.at)} · {formatDateTime(m.at)}
                </When>
              </p>
              <p className="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {detail.status === 'open' && <MessageForm detail={detail} onSent={onSent} />}
    </section>
  );
}

function MessageForm({ detail, onSent }: { detail: CaseDetail; onSent: (m: CaseMessage) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState('');
  const [sent, setSent] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  const noEmail = !detail.customer.email;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent('');
    await run(body.trim() ? {} : { body: 'Write a message first' }, async () => {
      onSent(await api<CaseMessage>(`/api/v1/cases/${detail.id}/messages`, { method: 'POST', body: { body: body.trim() } }));
      setBody('');
      setSent('Message sent');
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack message-form">
      {failure && <ErrorNotice message={failure} />}
      <TextAreaField
        label={`Write to ${customerName(detail.customer)}`}
        hint={
          noEmail
            ? 'Kept has no e-mail address for this customer: pass on the link to their case page (under Customer) yourself.'
            : 'Sent by e-mail, with the link to their case page.'
        }
        error={errors.body}
        className="input textarea"
        rows={4}
        maxLength={5000}
        value={body}
        onChange={(v) => setBody(v)}
      />
      <FormActions busy={busy} label="Send message" busyLabel="Sending…" note={sent} />
    </form>
  );
}
