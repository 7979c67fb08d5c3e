// One survey: how it reaches customers. Triggers ("send N hours after an event of type X"),
// an invitation chosen by hand (marked, and left out of headline scores), a random sample of a
// segment, the invitations with why any was not sent, and the widget snippet for a website.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { CopyButton } from '../../shared/copy-button.tsx';
import { Field } from '../../shared/field.tsx';
import { CustomerPicker } from '../../shared/customer-picker.tsx';
import { ArrowLeftIcon, MailIcon } from '../../shared/icons.tsx';
import { EmptyState, ErrorNotice, Loading, LoadMore, RecordStates } from '../../shared/states.tsx';
import { customerName } from '../../shared/customer-name.ts';
import { formatDateTime, formatDateTimeLong, formatRelative, plural } from '../../shared/format.ts';
import { useDocumentTitle, useFormSubmit, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { kindDescription, kindName, localeLabel } from './survey-kinds.ts';
import type { Customer, Department, Invitation, Page, SampleResult, Survey, Trigger } from '../../shared/types.ts';

const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export function SurveyPage({ id }: { id: string }) {
  const survey = useLoad(id, (signal) => api<Survey>(`/api/v1/surveys/${encodeURIComponent(id)}`, { signal }));
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  useDocumentTitle(survey.state.status === 'ready' ? survey.state.data.name : 'Survey');

  if (survey.state.status !== 'ready') {
    return (
      <RecordStates state={survey.state} reload={survey.reload} noun="survey" backLink={<BackLink />} list={['/surveys', 'surveys']} />
    );
  }
  const data = survey.state.data;
  const department = departments.state.status === 'ready' ? departments.state.data.find((d) => d.id === data.departmentId) : undefined;
  return <SurveyDetails survey={data} department={department} onChange={(s) => survey.update(() => s)} />;
}

function BackLink() {
  return (
    <Link to="/surveys" className="back-link">
      <ArrowLeftIcon /> Surveys
    </Link>
  );
}

function SurveyDetails({ survey, department, onChange }: { survey: Survey; department?: Department; onChange: (s: Survey) => void }) {
  const { session } = useSession();
  const manager = hasRole(session.user.role, 'manager');
  const archived = !!survey.archivedAt;
  const [archiving, setArchiving] = useState(false);
  const [archiveBusy, setArchiveBusy] = useState(false);
  const [archiveError, setArchiveError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const archivedNotice = useRef<HTMLDivElement>(null);
  const invitations = usePaged<Invitation>(survey.id, (cursor, signal) =>
    api<Page<Invitation>>(`/api/v1/surveys/${survey.id}/invitations`, { query: { limit: 50, cursor }, signal }),
  );

  async function archive() {
    setArchiveBusy(true);
    setArchiveError(undefined);
    try {
      onChange(await api<Survey>(`/api/v1/surveys/${survey.id}/archive`, { method: 'POST' }));
      setArchiving(false);
      setAnnouncement(`Survey ${survey.name} archived`);
      // The Archive button is gone: focus the notice that replaced it.
      requestAnimationFrame(() => archivedNotice.current?.focus());
    } catch (err) {
      setArchiveError(messageOf(err));
    } finally {
      setArchiveBusy(false);
    }
  }

  return (
    <div className="page">
      <BackLink />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <div className="page-header">
        <div>
          <h1>
            {survey.name}
            <span className="pill pill-kind pill-heading">{kindName[survey.kind]}</span>
            {archived && <span className="pill pill-muted pill-heading">Archived</span>}
          </h1>
          <p className="page-description">
            {kindDescription[survey.kind]}
            {department && (
              <>
                {' · '}
                <span className="department-name department-inline">
                  <span className="swatch" style={{ background: department.colour }} aria-hidden="true" />
                  {department.name}
                </span>
              </>
            )}
          </p>
        </div>
        <div className="page-actions">
          <Link to={`/dashboard?survey=${survey.id}`} className="button">
            Scores
          </Link>
          {manager && !archived && (
            <>
              <Link to={`/surveys/${survey.id}/edit`} className="button">
                Edit
              </Link>
              <button type="button" className="button button-danger-ghost" onClick={() => setArchiving(true)}>
                Archive
              </button>
            </>
          )}
        </div>
      </div>
      {archived && (
        <div className="notice notice-info section-gap" ref={archivedNotice} tabIndex={-1}>
          Archived {formatDateTime(survey.archivedAt!)}: it sends nothing more and takes no new answers. Its answers stay in the scores.
        </div>
      )}

      <div className="customer-layout">
        <div className="stack-large">
          <SurveySummary survey={survey} />
          <Triggers survey={survey} canChange={manager && !archived} />
          <section aria-labelledby="invitations-heading">
            <div className="section-head">
              <h2 id="invitations-heading">Invitations</h2>
            </div>
            <InvitationList invitations={invitations} />
          </section>
          <WidgetSnippet survey={survey} />
        </div>
        <aside className="stack-large" aria-label="Send this survey">
          {!archived && <HandInvite survey={survey} onSent={invitations.retry} />}
          {!archived && manager && <SampleSend survey={survey} onSent={invitations.retry} />}
        </aside>
      </div>

      <ConfirmDialog
        open={archiving}
        title={`Archive “${survey.name}”?`}
        confirmLabel="Archive survey"
        busy={archiveBusy}
        onConfirm={() => void archive()}
        onCancel={() => {
          setArchiving(false);
          setArchiveError(undefined);
        }}
      >
        <p>It sends no more invitations, its triggers stop, and its links take no new answers. Its answers stay in the scores.</p>
        {archiveError && (
          <p className="field-error" role="alert">
            {archiveError}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function SurveySummary({ survey }: { survey: Survey }) {
  const languages = [...new Set([survey.defaultLocale, ...Object.keys(survey.texts)])];
  return (
    <section className="card summary-card" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="card-title">
        How it asks
      </h2>
      <dl className="details details-inline">
        <div>
          <dt>Reason question</dt>
          <dd>{survey.askReason ? 'Asked' : 'Not asked'}</dd>
        </div>
        <div>
          <dt>Extra questions</dt>
          <dd>{survey.questions.length ? plural(survey.questions.length, 'question') : 'None'}</dd>
        </div>
        <div>
          <dt>Sampling</dt>
          <dd>{survey.samplePercent === 100 ? 'Every triggered invitation' : `${survey.samplePercent}% of triggered invitations`}</dd>
        </div>
        <div>
          <dt>Languages</dt>
          <dd>{languages.map(localeLabel).join(', ')}</dd>
        </div>
        <div>
          <dt>Brand</dt>
          <dd className="brand-cell">
            {survey.brand.colour && <span className="swatch" style={{ background: survey.brand.colour }} aria-hidden="true" />}
            {survey.brand.name ?? <span className="muted">The survey’s name</span>}
          </dd>
        </div>
        <div className="details-wide">
          <dt>Survey ID</dt>
          <dd>
            <code className="code code-small">{survey.id}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Triggers({ survey, canChange }: { survey: Survey; canChange: boolean }) {
  const triggers = useLoad(`triggers|${survey.id}`, (signal) =>
    api<{ items: Trigger[] }>(`/api/v1/surveys/${survey.id}/triggers`, { signal }).then((r) => r.items),
  );
  const [removing, setRemoving] = useState<Trigger>();
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  async function remove(t: Trigger) {
    setRemoveBusy(true);
    setRemoveError(undefined);
    try {
      await api(`/api/v1/surveys/${survey.id}/triggers/${t.id}`, { method: 'DELETE' });
      triggers.update((list) => list.filter((x) => x.id !== t.id));
      setAnnouncement(`Trigger on ${t.eventType} removed`);
      setRemoving(undefined);
      requestAnimationFrame(() => heading.current?.focus()); // its Remove button is gone
    } catch (err) {
      setRemoveError(messageOf(err));
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <section className="card form-card" aria-labelledby="triggers-heading">
      <h2 id="triggers-heading" className="card-title" ref={heading} tabIndex={-1}>
        Triggers
      </h2>
      <p className="section-description">
        Each event of the type sends this survey by e-mail after the delay. Sampling, the contact rule and unsubscribes apply when it is
        due.
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {triggers.state.status === 'loading' && <Loading label="Loading triggers…" />}
      {triggers.state.status === 'error' && <ErrorNotice message={messageOf(triggers.state.error)} onRetry={triggers.reload} />}
      {triggers.state.status === 'ready' &&
        (triggers.state.data.length === 0 ? (
          <p className="muted">No triggers: this survey goes out only by hand, by sample or through the widget.</p>
        ) : (
          <ul className="trigger-list">
            {triggers.state.data.map((t) => (
              <li key={t.id} className="trigger">
                <span>
                  Send {delayText(t.delayHours)} an event of type <code className="code">{t.eventType}</code>
                </span>
                {canChange && (
                  <button type="button" className="button button-danger-ghost button-small" onClick={() => setRemoving(t)}>
                    Remove<span className="visually-hidden"> the trigger on {t.eventType}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      {canChange && <TriggerForm survey={survey} onAdded={(t) => triggers.update((list) => [...list, t])} />}
      <ConfirmDialog
        open={!!removing}
        title={`Stop sending after ${removing?.eventType ?? ''}?`}
        confirmLabel="Remove trigger"
        busy={removeBusy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => {
          setRemoving(undefined);
          setRemoveError(undefined);
        }}
      >
        <p>New events of this type no longer send the survey. Invitations it already scheduled still go out.</p>
        {removeError && (
          <p className="field-error" role="alert">
            {removeError}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}

const delayText = (hours: number) =>
  hours === 0 ? 'right after' : hours % 24 === 0 ? `${plural(hours / 24, 'day')} after` : `${plural(hours, 'hour')} after`;

function TriggerForm({ survey, onAdded }: { survey: Survey; onAdded: (t: Trigger) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [eventType, setEventType] = useState('');
  const [delay, setDelay] = useState('24');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!eventTypePattern.test(eventType.trim()))
      problems.eventType = 'Enter an event type in lowercase dotted words, e.g. order.delivered';
    const hours = Number(delay);
    if (!/^\d+$/.test(delay.trim()) || hours > 8760) problems.delayHours = 'Enter whole hours from 0 to 8760 (a year)';
    await run(problems, async () => {
      onAdded(
        await api<Trigger>(`/api/v1/surveys/${survey.id}/triggers`, {
          method: 'POST',
          body: { eventType: eventType.trim(), delayHours: hours },
        }),
      );
      setEventType('');
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="trigger-form">
      <h3 className="subsection-title">Add a trigger</h3>
      {failure && <ErrorNotice message={failure} />}
      <div className="sentence-form">
        <Field label="Hours after the event" hint="24 is a day; 0 sends at once." error={errors.delayHours}>
          {(control) => (
            <input
              {...control}
              className="input input-narrow"
              type="number"
              inputMode="numeric"
              min={0}
              max={8760}
              value={delay}
              onChange={(e) => setDelay(e.target.value)}
            />
          )}
        </Field>
        <Field label="Event type" hint="As events send it, e.g. order.delivered" error={errors.eventType}>
          {(control) => (
            <input
              {...control}
              className="input input-mono"
              maxLength={100}
              spellCheck={false}
              autoCapitalize="off"
              placeholder="order.delivered"
              value={eventType}
              onChange={(e) => setEventType(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary sentence-form-submit" aria-disabled={busy}>
          {busy ? 'Adding…' : 'Add trigger'}
        </button>
      </div>
    </form>
  );
}

const suppressedText: Record<NonNullable<Invitation['suppressedReason']>, string> = {
  contact_rule: 'Contact rule: invited recently',
  unsubscribed: 'Unsubscribed',
  sampled_out: 'Not drawn by sampling',
  no_email: 'No e-mail address',
  survey_archived: 'Survey archived',
  guard: 'Held back by a guard rule',
};
const originText: Record<Invitation['origin'], string> = {
  trigger: 'Trigger',
  sample: 'Sample',
  widget: 'Widget',
  hand: 'By hand',
  follow_up: 'Case follow-up',
};
const channelText: Record<Invitation['channel'], string> = { email: 'E-mail', link: 'Link', widget: 'Widget' };

function InvitationList({ invitations }: { invitations: ReturnType<typeof usePaged<Invitation>> }) {
  const stale = invitations.status === 'loading' && invitations.items.length > 0;
  if (invitations.status === 'error') return <ErrorNotice message={invitations.error!} onRetry={invitations.retry} />;
  if (invitations.status === 'loading' && invitations.items.length === 0) return <Loading label="Loading invitations…" />;
  if (invitations.items.length === 0) {
    return (
      <EmptyState icon={<MailIcon />} title="No invitations yet">
        <p>Invitations appear here as triggers fire, samples are drawn, someone invites a customer by hand or the widget asks.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <div className={stale ? 'card table-card is-stale' : 'card table-card'} aria-busy={stale}>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
              <th scope="col">Answered</th>
            </tr>
          </thead>
          <tbody>
            {invitations.items.map((inv) => {
              return (
                <tr key={inv.id}>
                  <td>
                    <Link to={`/customers/${inv.customerId}`}>{customerName(inv.customer)}</Link>
                  </td>
                  <td>
                    <span className="nowrap">
                      {originText[inv.origin]} · {channelText[inv.channel]}
                    </span>
                    {inv.handPicked && <HandPickedPill />}
                  </td>
                  <td>
                    <InvitationStatus invitation={inv} />
                  </td>
                  <td>
                    {inv.answeredAt ? (
                      <time dateTime={inv.answeredAt} title={formatDateTimeLong(inv.answeredAt)}>
                        {formatRelative(inv.answeredAt)}
                      </time>
                    ) : (
                      <span className="muted">Not yet</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <LoadMore
        hasMore={!!invitations.nextCursor && invitations.status === 'ready'}
        loading={invitations.loadingMore}
        error={invitations.moreError}
        onLoadMore={invitations.loadMore}
      />
    </>
  );
}

export function HandPickedPill() {
  return (
    <span className="pill pill-warn" title="Chosen by a person: left out of headline scores unless included">
      Hand-picked
    </span>
  );
}

function InvitationStatus({ invitation: inv }: { invitation: Invitation }) {
  if (inv.status === 'suppressed') {
    return (
      <span className="status">
        <span className="status-dot status-dot-muted" aria-hidden="true" />
        Not sent: {inv.suppressedReason ? suppressedText[inv.suppressedReason] : 'suppressed'}
      </span>
    );
  }
  if (inv.status === 'scheduled') {
    return (
      <span className="status">
        <span className="status-dot status-dot-wait" aria-hidden="true" />
        Scheduled for{' '}
        <time dateTime={inv.sendAt} title={formatDateTimeLong(inv.sendAt)}>
          {formatDateTime(inv.sendAt)}
        </time>
      </span>
    );
  }
  return (
    <span className="status">
      <span className="status-dot status-dot-ok" aria-hidden="true" />
      Sent{' '}
      {inv.sentAt && (
        <time dateTime={inv.sentAt} title={formatDateTimeLong(inv.sentAt)}>
          {formatRelative(inv.sentAt)}
        </time>
      )}
      {inv.remindedAt && <span className="muted"> · reminded</span>}
    </span>
  );
}

function HandInvite({ survey, onSent }: { survey: Survey; onSent: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Customer>();
  const [channel, setChannel] = useState<'link' | 'email'>('link');
  const [sent, setSent] = useState<Invitation>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = chosen ? {} : { customerId: 'Search for a customer and choose one' };
    if (chosen && channel === 'email' && !chosen.email) problems.channel = 'This customer has no e-mail address: send a link instead';
    await run(problems, async () => {
      const inv = await api<Invitation>(`/api/v1/surveys/${survey.id}/invitations`, {
        method: 'POST',
        body: { customerId: chosen!.id, channel },
      });
      setSent(inv);
      setChosen(undefined);
      onSent();
    });
  }

  return (
    <section className="card form-card" aria-labelledby="hand-heading">
      <h2 id="hand-heading" className="card-title">
        Invite a customer by hand
      </h2>
      <p className="section-description">
        The invitation is marked <strong>hand-picked</strong> and its answer is left out of headline scores unless you include hand-picked
        answers. The contact rule and unsubscribes still apply.
      </p>
      {sent && (
        <div className="notice notice-success notice-block" role="status">
          <p>
            <HandPickedPill /> Invitation sent{sent.channel === 'email' ? ' by e-mail' : ''}. Its answer is left out of headline scores
            unless hand-picked answers are included.
          </p>
          {sent.url && <p>{sent.channel === 'email' ? 'The answer link in the e-mail:' : 'Pass this answer link on to the customer:'}</p>}
          {sent.url && (
            <div className="secret-row secret-row-wrap">
              <label htmlFor="invitation-url" className="visually-hidden">
                Answer link
              </label>
              <input
                id="invitation-url"
                ref={urlRef}
                className="input input-mono"
                readOnly
                value={sent.url}
                onFocus={(e) => e.target.select()}
              />
              <CopyButton text={sent.url} what="answer link" target={urlRef} />
            </div>
          )}
        </div>
      )}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        {/* A new search after each invitation sent. */}
        <CustomerPicker key={sent?.id} chosen={chosen} onChoose={setChosen} error={errors.customerId} />
        <fieldset className="field">
          <legend className="field-label">Send as</legend>
          <label className="radio">
            <input type="radio" name="channel" checked={channel === 'link'} onChange={() => setChannel('link')} />
            <span>A link you pass on yourself</span>
          </label>
          <label className="radio">
            <input type="radio" name="channel" checked={channel === 'email'} onChange={() => setChannel('email')} />
            <span>An e-mail from Kept</span>
          </label>
          {errors.channel && <p className="field-error">{errors.channel}</p>}
        </fieldset>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Sending…' : 'Send hand-picked invitation'}
        </button>
      </form>
    </section>
  );
}

function SampleSend({ survey, onSent }: { survey: Survey; onSent: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [attribute, setAttribute] = useState('');
  const [value, setValue] = useState('');
  const [size, setSize] = useState('100');
  const [result, setResult] = useState<SampleResult>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const n = Number(size);
    if (!/^\d+$/.test(size.trim()) || n < 1 || n > 100_000) problems.size = 'Enter a whole number from 1 to 100,000';
    if (attribute.trim() && !value.trim()) problems['segment.value'] = 'Enter the value the attribute must have, e.g. gold';
    if (!attribute.trim() && value.trim()) problems['segment.attribute'] = 'Enter the attribute, e.g. plan';
    await run(problems, async () => {
      const segment = attribute.trim() ? { attribute: attribute.trim(), value: value.trim() } : undefined;
      setResult(await api<SampleResult>(`/api/v1/surveys/${survey.id}/samples`, { method: 'POST', body: { segment, size: n } }));
      onSent();
    });
  }

  return (
    <section className="card form-card" aria-labelledby="sample-heading">
      <h2 id="sample-heading" className="card-title">
        Send to a random sample
      </h2>
      <p className="section-description">
        E-mails the survey now to customers drawn at random, among those with an e-mail address whom the contact rule allows.
      </p>
      {result && (
        <div className="notice notice-success" role="status">
          {plural(result.scheduled, 'invitation')} scheduled, from {plural(result.eligible, 'eligible customer')}.
        </div>
      )}
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        <Field
          label="Segment attribute (optional)"
          hint="A customer attribute, e.g. plan. Empty: everyone."
          error={errors['segment.attribute'] ?? errors.segment}
        >
          {(control) => (
            <input
              {...control}
              className="input input-mono"
              maxLength={64}
              spellCheck={false}
              autoCapitalize="off"
              value={attribute}
              onChange={(e) => setAttribute(e.target.value)}
            />
          )}
        </Field>
        <Field label="Attribute value" hint="e.g. gold" error={errors['segment.value']}>
          {(control) => <input {...control} className="input" maxLength={200} value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
        <Field label="How many customers" error={errors.size}>
          {(control) => (
            <input
              {...control}
              className="input input-narrow"
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              value={size}
              onChange={(e) => setSize(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Drawing…' : 'Draw and send'}
        </button>
      </form>
    </section>
  );
}

function WidgetSnippet({ survey }: { survey: Survey }) {
  const { session } = useSession();
  const pre = useRef<HTMLPreElement>(null);
  const snippet = [
    `<script src="${window.location.origin}/widget.js"`,
    `  data-workspace="${session.workspace.slug}"`,
    `  data-survey="${survey.id}"`,
    `  data-customer="CUSTOMER_EXTERNAL_ID"`,
    `  data-signature="HMAC_SHA256_HEX(widget secret, externalId)"`,
    `  async></script>`,
  ].join('\n');
  const admin = hasRole(session.user.role, 'admin');
  return (
    <section className="card form-card" aria-labelledby="widget-heading">
      <h2 id="widget-heading" className="card-title">
        Widget for your website
      </h2>
      <p className="section-description">
        Put this tag on pages where customers are signed in. It asks this survey in a small prompt when the rules allow, and says nothing
        otherwise.
      </p>
      <div className="snippet">
        <pre ref={pre} className="code-block">
          {snippet}
        </pre>
        <div className="snippet-actions">
          <CopyButton text={snippet} what="widget snippet" target={pre} className="button button-small" />
        </div>
      </div>
      <h3 className="subsection-title">The signature</h3>
      <p className="section-description">
        Replace <code className="code">CUSTOMER_EXTERNAL_ID</code> with the signed-in customer’s external ID, and the signature with the hex
        HMAC-SHA256 of that ID, keyed with the workspace’s widget secret. Compute it on your server, never in the browser, so nobody can
        answer as someone else. In Node.js:
      </p>
      <pre className="code-block">
        {`import { createHmac } from 'node:crypto';\n\nconst signature = createHmac('sha256', process.env.KEPT_WIDGET_SECRET)\n  .update(customer.externalId)\n  .digest('hex');`}
      </pre>
      <p className="field-hint">
        {admin ? (
          <>
            The widget secret is in <Link to="/settings/surveys">Settings › Surveys</Link>.
          </>
        ) : (
          'An admin finds the widget secret in Settings › Surveys.'
        )}
      </p>
    </section>
  );
}
