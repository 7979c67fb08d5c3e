// "Contact everyone" on a cause: one apology (from a template; its placeholders are filled in
// per customer by Kept) to every customer the cause touched, each in a proactive case. After a
// confirmation that says how many, a background job works through them; the panel polls it
// every second and shows the progress until it is done, and shows the latest one after a reload.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../../shared/api.ts';
import { plural } from '../../../shared/format.ts';
import { useFormSubmit, useLoad } from '../../../shared/hooks.ts';
import { hasRole, useSession } from '../../../shared/session.ts';
import type { ApologyTemplate, Cause, CaseSeverity, Department, Outreach, OutreachInput } from '../../../shared/types.ts';
import { ConfirmDialog } from '../../../shared/confirm-dialog.tsx';
import { OutreachProgress } from './outreach-progress.tsx';
import { Field } from '../../../shared/field.tsx';
import { DepartmentField } from '../../../shared/fields.tsx';
import { ErrorNotice, Loading } from '../../../shared/states.tsx';
import { TextArea } from '../playbook/step-forms.tsx';
import { SeverityField } from '../severity-field.tsx';

const pollMs = 1000;

export function OutreachPanel({ cause, departments, onFinished }: { cause: Cause; departments: Department[]; onFinished: () => void }) {
  const { session } = useSession();
  const base = `/api/v1/causes/${cause.id}/outreach`;
  const latest = useLoad(`outreach|${cause.id}`, (signal) => api<{ items: Outreach[] }>(base, { signal }).then((r) => r.items[0] ?? null));
  const [outreach, setOutreach] = useState<Outreach | null>(null);
  const [pollError, setPollError] = useState<string>();
  useEffect(() => {
    if (latest.state.status === 'ready') setOutreach(latest.state.data);
  }, [latest.state]);

  // While it runs, ask for its progress every second; when it ends, the page reloads the affected customers.
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  });
  const running = outreach?.status === 'running';
  useEffect(() => {
    if (!outreach || outreach.status !== 'running') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<Outreach>(`${base}/${outreach.id}`, { signal: controller.signal }).then(
        (o) => {
          setPollError(undefined);
          setOutreach(o);
          if (o.status !== 'running') finishedRef.current();
        },
        (err: unknown) => {
          if ((err as Error).name === 'AbortError') return;
          setPollError(messageOf(err));
          setOutreach({ ...outreach }); // try again after the next interval
        },
      );
    }, pollMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [outreach, base]);

  const canSend = hasRole(session.user.role, 'manager');
  return (
    <section className="card form-card" aria-labelledby="outreach-heading">
      <h2 id="outreach-heading" className="card-title">
        Contact everyone
      </h2>
      <p className="section-description">
        Opens a proactive case for every customer this cause touched and e-mails each one your apology, before they complain. Customers
        whose case is already linked to this cause are skipped.
      </p>
      {latest.state.status === 'loading' && <Loading label="Loading the last outreach…" />}
      {latest.state.status === 'error' && <ErrorNotice message={messageOf(latest.state.error)} onRetry={latest.reload} />}
      {outreach && <OutreachProgress outreach={outreach} />}
      {pollError && running && <p className="field-error">Progress could not be read ({pollError}); trying again.</p>}
      {canSend ? (
        latest.state.status === 'ready' && (
          <OutreachForm
            cause={cause}
            departments={departments}
            running={running}
            again={outreach?.status === 'done'}
            onStarted={setOutreach}
          />
        )
      ) : (
        <p className="field-hint">Managers and admins contact a cause’s customers.</p>
      )}
    </section>
  );
}

function OutreachForm({
  cause,
  departments,
  running,
  again,
  onStarted,
}: {
  cause: Cause;
  departments: Department[];
  running: boolean;
  /** an outreach ran before: a new one reaches only customers not linked yet */
  again: boolean;
  onStarted: (o: Outreach) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const templates = useLoad('apology-templates', (signal) =>
    api<{ items: ApologyTemplate[] }>('/api/v1/apology-templates', { signal }).then((r) => r.items),
  );
  const [templateId, setTemplateId] = useState('');
  const [message, setMessage] = useState('');
  const [severity, setSeverity] = useState<CaseSeverity>('normal');
  const [departmentId, setDepartmentId] = useState('');
  const [confirming, setConfirming] = useState<number>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  const [sendError, setSendError] = useState<string>();
  const [sending, setSending] = useState(false);
  // Whom an outreach would reach now: the customers whose newest case is not linked to this cause yet.
  const count = cause.notLinked ?? cause.affectedCustomers ?? 0;
  const allContacted = count === 0 && (cause.affectedCustomers ?? 0) > 0;

  async function ask(e: FormEvent) {
    e.preventDefault();
    if (running || count === 0) return;
    await run(message.trim() ? {} : { message: 'Write the apology, or start from a template' }, async () => {
      // How many, as of now: the count on the page may be minutes old.
      const fresh = await api<Cause>(`/api/v1/causes/${cause.id}`);
      setSendError(undefined);
      setConfirming(fresh.notLinked ?? fresh.affectedCustomers ?? 0);
    });
  }

  async function send() {
    setSending(true);
    setSendError(undefined);
    try {
      const body: OutreachInput = { message: message.trim(), severity, ...(departmentId ? { departmentId } : {}) };
      onStarted(await api<Outreach>(`/api/v1/causes/${cause.id}/outreach`, { method: 'POST', body }));
      setConfirming(undefined);
    } catch (err) {
      setSendError(messageOf(err));
    } finally {
      setSending(false);
    }
  }

  if (allContacted && !running)
    return (
      <p className="field-hint">
        Every customer this cause touched has a case linked to it: nobody is left to contact. A customer whose events match later shows
        here.
      </p>
    );
  return (
    <form ref={form} onSubmit={ask} noValidate className="stack outreach-form">
      {failure && <ErrorNotice message={failure} />}
      {templates.state.status === 'error' && <ErrorNotice message={messageOf(templates.state.error)} onRetry={templates.reload} />}
      <Field label="Start from a template">
        {(control) => (
          <select
            {...control}
            className="input select"
            value={templateId}
            onChange={(e) => {
              setTemplateId(e.target.value);
              const t = templates.state.status === 'ready' ? templates.state.data.find((x) => x.id === e.target.value) : undefined;
              if (t) setMessage(t.body);
            }}
          >
            <option value="">{templates.state.status === 'loading' ? 'Loading templates…' : 'No template'}</option>
            {templates.state.status === 'ready' &&
              templates.state.data.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <TextArea
        label="Apology"
        hint="Kept fills in {customerName}, {caseNumber} and the other placeholders for each customer. Own the mistake."
        error={errors.message}
        value={message}
        onChange={setMessage}
        rows={6}
        max={5000}
      />
      <div className="field-row">
        <SeverityField label="Severity of the new cases" error={errors.severity} value={severity} onChange={setSeverity} />
        <DepartmentField
          label="Department that owns them"
          hint="Its members own the cases in turn."
          error={errors.departmentId}
          value={departmentId}
          onChange={setDepartmentId}
          departments={departments}
          none="The default one"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy || running || count === 0}>
          {running ? 'An outreach is running…' : busy ? 'Counting…' : `Contact ${plural(count, 'customer')}…`}
        </button>
        {count === 0 && <span className="field-hint">No customer has a matching event yet.</span>}
        {count > 0 && again && !running && <span className="field-hint">Only customers not contacted yet get a new apology.</span>}
      </div>
      <ConfirmDialog
        open={confirming !== undefined}
        title={`Send this apology to ${plural(confirming ?? 0, 'customer')}?`}
        confirmLabel={`Contact ${plural(confirming ?? 0, 'customer')}`}
        busy={sending}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(undefined)}
      >
        <p>
          Kept opens a proactive case for each of the {plural(confirming ?? 0, 'customer')} this cause touched, or adds to their open case,
          and e-mails each one the apology. Customers whose case is already linked to this cause are skipped. Sent mail cannot be called
          back.
        </p>
        {sendError && (
          <p className="field-error" role="alert">
            {sendError}
          </p>
        )}
      </ConfirmDialog>
    </form>
  );
}
