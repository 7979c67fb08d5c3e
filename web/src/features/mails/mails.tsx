// Mail: every e-mail Kept sent, is sending or gave up on, newest first, and the mail preview:
// with no SMTP server configured, mail is kept here instead of sent. The viewer shows the HTML
// part in a sandboxed frame (no scripts, no same-origin access), the headers and the text part.
// A mail that failed, or whose delivery is unknown (Kept stopped while handing it to the mail
// server), is sent again only when a manager chooses to here.
import { useState } from 'react';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { MailIcon } from '../../shared/icons.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader, PagedMore, PagedStates } from '../../shared/states.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import type { Mail, Page } from '../../shared/types.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';
import { Tip } from '../../shared/tip/tip.tsx';

const statusText: Record<Mail['status'], string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  preview: 'Preview',
  failed: 'Failed',
  unknown: 'Unknown',
};
const statusHint: Record<Mail['status'], string> = {
  queued: 'Waiting to be sent, or between retries',
  sending: 'Being handed to the mail server',
  sent: 'The SMTP server took it',
  preview: 'Kept here: no SMTP server is configured',
  failed: 'Not sent',
  unknown: 'It may or may not have been delivered: Kept will not send it again by itself',
};

export function MailsPage({ id }: { id?: string }) {
  const { session } = useSession();
  // The title names the mail open in the viewer (its subject), once it is read.
  useDocumentTitle(id ? '' : 'Mail');
  if (!hasRole(session.user.role, 'manager')) {
    return (
      <div className="page">
        <PageHeader title="Mail" />
        <EmptyState icon={<MailIcon />} title="Only managers and admins see the mail">
          <p>The mail Kept sends to customers holds their answer links, so it is kept from agents.</p>
        </EmptyState>
      </div>
    );
  }
  return <Mails id={id} />;
}

function Mails({ id }: { id?: string }) {
  const list = usePaged<Mail>('mails', (cursor, signal) => api<Page<Mail>>('/api/v1/mails', { query: { limit: 50, cursor }, signal }));
  return (
    <div className="page">
      <PageHeader
        title="Mail"
        description="Invitations and reminders Kept sent to customers. With no SMTP server configured, they are kept here instead, as a preview."
      />
      <PagedStates
        list={list}
        loading="Loading mail…"
        empty={
          <EmptyState icon={<MailIcon />} title="No mail yet">
            <p>
              Invitations and reminders appear here as Kept sends them. With no SMTP server configured (
              <code className="code">KEPT_SMTP_URL</code>), mail lands here instead of going out, so a trial shows everything a customer
              would receive.
            </p>
          </EmptyState>
        }
        moreInside
      >
        <div className="mail-layout">
          <section aria-label="All mail">
            <DataTable columns={['Subject and recipient', 'Status', 'Time']} className="table table-compact">
              {list.items.map((m) => (
                <tr key={m.id} className={m.id === id ? 'row-link is-selected' : 'row-link'}>
                  <td>
                    <div className="customer-cell-text">
                      <Link to={`/mails/${m.id}`} className="row-link-target" aria-current={m.id === id ? 'true' : undefined}>
                        {m.subject}
                      </Link>
                      <span className="muted">{m.to}</span>
                    </div>
                  </td>
                  <td>
                    <MailStatus mail={m} />
                  </td>
                  <td className="nowrap">
                    <When at={m.createdAt} />
                  </td>
                </tr>
              ))}
            </DataTable>
            <PagedMore list={list} />
          </section>
          <section aria-label="The chosen mail" className="mail-viewer-column">
            {id ? (
              <MailViewer key={id} id={id} onResent={list.retry} />
            ) : (
              <div className="card mail-pick">
                <p className="muted">Choose a mail to see it as the customer would, with its headers and plain-text part.</p>
              </div>
            )}
          </section>
        </div>
      </PagedStates>
    </div>
  );
}

function MailStatus({ mail }: { mail: Mail }) {
  return (
    <Tip text={statusHint[mail.status]}>
      <span className="status">
        <span className={`status-dot status-dot-${mail.status}`} aria-hidden="true" />
        {statusText[mail.status]}
      </span>
    </Tip>
  );
}

function MailViewer({ id, onResent }: { id: string; onResent: () => void }) {
  const mail = useLoad(`mail|${id}`, (signal) => api<Mail>(`/api/v1/mails/${encodeURIComponent(id)}`, { signal }));
  useDocumentTitle(mail.state.status === 'ready' ? `${mail.state.data.subject} · Mail` : 'Mail');
  const [resending, setResending] = useState(false);
  const [resendError, setResendError] = useState<string>();
  async function resend() {
    setResending(true);
    setResendError(undefined);
    try {
      const queued = await api<Mail>(`/api/v1/mails/${encodeURIComponent(id)}/resend`, { method: 'POST' });
      mail.update(() => queued);
      onResent();
    } catch (err) {
      setResendError(messageOf(err));
    } finally {
      setResending(false);
    }
  }
  if (mail.state.status === 'loading') return <Loading label="Loading the mail…" />;
  if (mail.state.status === 'error') {
    const err = mail.state.error;
    return err instanceof ApiError && err.status === 404 ? (
      <EmptyState title="Mail not found">
        <p>There is no mail with this ID in your workspace.</p>
      </EmptyState>
    ) : (
      <ErrorNotice message={messageOf(err)} onRetry={mail.reload} />
    );
  }
  const m = mail.state.data;
  // The Message-ID is set when the mail is handed over, the same on every attempt.
  const headers = [...Object.entries(m.headers), ...(m.messageId ? [['Message-ID', m.messageId] as const] : [])].sort(
    ([a], [b]) => Number(b.toLowerCase().startsWith('list-unsubscribe')) - Number(a.toLowerCase().startsWith('list-unsubscribe')),
  );
  const unsubscribe = headers.find(([k]) => k.toLowerCase() === 'list-unsubscribe');
  return (
    <article className="card mail-viewer" aria-labelledby="mail-subject">
      <header className="mail-head">
        <h2 id="mail-subject" className="mail-subject">
          {m.subject}
        </h2>
        <dl className="details details-inline">
          <div>
            <dt>To</dt>
            <dd>{m.to}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <MailStatus mail={m} /> <span className="muted">· {statusHint[m.status]}</span>
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(m.createdAt)}</dd>
          </div>
          <div>
            <dt>Sent</dt>
            <dd>{m.sentAt ? formatDateTime(m.sentAt) : <span className="muted">Not sent</span>}</dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{m.kind}</dd>
          </div>
          {m.customerId && (
            <div>
              <dt>Customer</dt>
              <dd>
                <Link to={`/customers/${m.customerId}`}>Open the customer</Link>
              </dd>
            </div>
          )}
          {m.claimedBy && m.claimedAt && (
            <div>
              <dt>Handed over</dt>
              <dd>
                {formatDateTime(m.claimedAt)} <span className="muted">by {m.claimedBy}</span>
              </dd>
            </div>
          )}
          {m.lastError && (
            <div className="details-wide">
              <dt>{m.status === 'unknown' ? 'Why it is unknown' : `Last error (attempt ${m.attempts})`}</dt>
              <dd className="field-error">{m.lastError}</dd>
            </div>
          )}
          {m.resends.length > 0 && (
            <div className="details-wide">
              <dt>Sent again by a person</dt>
              <dd>
                <ul className="mail-resends">
                  {m.resends.map((r) => (
                    <li key={r.at}>
                      {formatDateTime(r.at)} by {r.byName ?? 'someone no longer here'}{' '}
                      <span className="muted">(it was {statusText[r.fromStatus].toLowerCase()})</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
        {(m.status === 'unknown' || m.status === 'failed') && (
          <div className="mail-resend">
            <p className="field-hint">
              {m.status === 'unknown'
                ? 'The customer may already have it. Send it again only if you know it did not arrive, or if a second copy does no harm. It keeps its Message-ID, so mail programs can tell it is the same mail.'
                : 'Sending it again tries up to 5 more times.'}
            </p>
            <button type="button" className="button" onClick={resend} disabled={resending}>
              {resending ? 'Queuing…' : 'Send again'}
            </button>
            {resendError && (
              <p className="field-error" role="alert">
                {resendError}
              </p>
            )}
          </div>
        )}
      </header>

      <h3 className="subsection-title">As the customer sees it</h3>
      <iframe className="mail-frame" sandbox="" srcDoc={m.html} title={`HTML part of “${m.subject}”`} />

      <h3 className="subsection-title">Headers</h3>
      {unsubscribe ? (
        <p className="field-hint">
          <strong>List-Unsubscribe</strong> lets mail programs offer one-click unsubscribe (RFC 8058).
        </p>
      ) : (
        <p className="field-hint">This mail has no List-Unsubscribe header.</p>
      )}
      <div className="table-scroll">
        <table className="table table-compact headers-table">
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {headers.map(([k, v]) => (
              <tr key={k} className={k.toLowerCase().startsWith('list-unsubscribe') ? 'is-highlighted' : undefined}>
                <th scope="row" className="row-head">
                  <code className="code">{k}</code>
                </th>
                <td>
                  <code className="header-value">{v}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className="subsection-title">Plain-text part</h3>
      <pre className="code-block mail-text" tabIndex={0} role="group" aria-label="Plain-text part">
        {m.text}
      </pre>
    </article>
  );
}
