// The playbook's forms that need more than text: the apology (from a template, its placeholders
// filled in for this customer), restitution (with its cost and who approved it) and the
// follow-up survey (which survey, when, how).
import { useState } from 'react';
import { api, messageOf } from '../../../shared/api.ts';
import { useLoad } from '../../../shared/hooks.ts';
import { fromLocalInput } from '../../../shared/local-time.ts';
import { fillPlaceholders } from '../recovery.ts';
import { Link } from '../../../shared/router.tsx';
import { hasRole, useSession } from '../../../shared/session.ts';
import type { ApologyTemplate, Survey, User } from '../../../shared/types.ts';
import { SelectField, TextField } from '../../../shared/fields.tsx';
import { ErrorNotice } from '../../../shared/states.tsx';
import { StepFormShell, TextArea, useStepSubmit, type StepFormProps } from './step-forms.tsx';

export function ApologiseForm(props: StepFormProps) {
  const { session } = useSession();
  const s = useStepSubmit(props);
  const templates = useLoad('apology-templates', (signal) =>
    api<{ items: ApologyTemplate[] }>('/api/v1/apology-templates', { signal }).then((r) => r.items),
  );
  const [templateId, setTemplateId] = useState('');
  const [message, setMessage] = useState('');
  const d = props.detail;
  const values = {
    customerName: d.customer.name ?? 'there', // as Kept fills it: "Hi there"
    staffName: session.user.name,
    caseTitle: d.title,
    caseNumber: String(d.number),
    company: session.workspace.name,
  };

  const choose = (id: string) => {
    setTemplateId(id);
    const t = templates.state.status === 'ready' ? templates.state.data.find((x) => x.id === id) : undefined;
    if (t) setMessage(fillPlaceholders(t.body, values));
  };

  return (
    <StepFormShell
      {...s}
      label="Send the apology"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = message.trim() ? {} : { message: 'Write the apology, or start from a template' };
        void s.send(problems, () => ({ step: 'apologise', message: message.trim(), ...(templateId ? { templateId } : {}) }));
      }}
    >
      {templates.state.status === 'error' && <ErrorNotice message={messageOf(templates.state.error)} onRetry={templates.reload} />}
      <SelectField
        label="Start from a template"
        hint={
          templates.state.status === 'ready' && templates.state.data.length === 0 ? (
            <>
              No templates yet: write the apology below, or add templates in{' '}
              <Link to="/settings/apology-templates">Settings › Apology templates</Link>.
            </>
          ) : (
            'Its placeholders are filled in for this customer; edit the result as you like.'
          )
        }
        className="input select"
        value={templateId}
        onChange={(v) => choose(v)}
      >
        <option value="">{templates.state.status === 'loading' ? 'Loading templates…' : 'No template'}</option>
        {templates.state.status === 'ready' &&
          templates.state.data.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
      </SelectField>
      <TextArea
        label="Apology"
        hint="Sent to the customer by e-mail. Own the mistake: “we sent you the wrong jar”, not “we apologise for any inconvenience”."
        error={s.errors.message}
        value={message}
        onChange={setMessage}
        rows={7}
        max={5000}
      />
    </StepFormShell>
  );
}

const currencyPattern = /^[A-Z]{3}$/;
const lastCurrencyKey = 'kept.restitution.currency';

export function RestitutionForm(props: StepFormProps & { users: User[] }) {
  const { session } = useSession();
  const s = useStepSubmit(props);
  const [what, setWhat] = useState('');
  const [wow, setWow] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(() => localStorage.getItem(lastCurrencyKey) ?? 'EUR');
  // An approval is the approver's own action: a manager or admin records the restitution themselves.
  const approvers = props.users.filter((u) => hasRole(u.role, 'manager'));
  const selfApproves = hasRole(session.user.role, 'manager');
  if (!selfApproves) {
    return (
      <p className="field-hint">
        A restitution is recorded by the manager or admin who approves it
        {approvers.length ? `: ${approvers.map((u) => u.name).join(', ')}` : ''}. Agree it with them; they record it here.
      </p>
    );
  }

  return (
    <StepFormShell
      {...s}
      label="Record the restitution"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        if (!what.trim()) problems.what = 'Say what the customer gets';
        const n = Number(amount.replace(',', '.'));
        if (!/^\d+([.,]\d{1,2})?$/.test(amount.trim()))
          problems['cost.amount'] = 'Enter the cost, e.g. 25 or 12.50 (0 when it costs nothing)';
        const cur = currency.trim().toUpperCase();
        if (!currencyPattern.test(cur)) problems['cost.currency'] = 'Enter a three-letter currency code, e.g. EUR';
        void s.send(problems, () => {
          localStorage.setItem(lastCurrencyKey, cur);
          return {
            step: 'restitution',
            what: what.trim(),
            ...(wow.trim() ? { wow: wow.trim() } : {}),
            cost: { amount: n, currency: cur },
            approvedBy: session.user.id,
          };
        });
      }}
    >
      <TextArea
        label="What the customer gets"
        hint="Told to the customer."
        error={s.errors.what}
        value={what}
        onChange={setWhat}
        rows={2}
        max={500}
      />
      <TextArea
        label="The wow (optional)"
        hint="A surprise they did not expect, on top of putting it right."
        error={s.errors.wow}
        value={wow}
        onChange={setWow}
        rows={2}
        max={500}
      />
      <div className="field-row">
        <TextField
          label="Cost"
          error={s.errors['cost.amount'] ?? s.errors.cost}
          className="input input-narrow"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(v) => setAmount(v)}
        />
        <TextField
          label="Currency"
          error={s.errors['cost.currency']}
          className="input input-narrow input-mono"
          maxLength={3}
          autoCapitalize="characters"
          spellCheck={false}
          value={currency}
          onChange={(v) => setCurrency(v.toUpperCase())}
        />
        <TextField
          label="Approved by"
          error={s.errors.approvedBy}
          className="input"
          value={`${session.user.name} (you)`}
          readOnly
          onChange={() => {}}
        />
      </div>
    </StepFormShell>
  );
}

export function FollowUpForm(props: StepFormProps) {
  const s = useStepSubmit(props);
  const surveys = useLoad('active-surveys', (signal) =>
    api<{ items: Survey[] }>('/api/v1/surveys', { query: { archived: 'false' }, signal }).then((r) => r.items),
  );
  const [surveyId, setSurveyId] = useState('');
  const [sendAt, setSendAt] = useState('');
  const [channel, setChannel] = useState<'email' | 'link'>(props.detail.customer.email ? 'email' : 'link');

  return (
    <StepFormShell
      {...s}
      label="Schedule the follow-up"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        if (!surveyId) problems.surveyId = 'Choose the survey to send';
        const at = sendAt ? fromLocalInput(sendAt) : undefined;
        if (sendAt && !at) problems.sendAt = 'Enter a date and time, or leave it empty';
        void s.send(problems, () => ({ step: 'follow_up', surveyId, channel, ...(at ? { sendAt: at } : {}) }));
      }}
    >
      {surveys.state.status === 'error' && <ErrorNotice message={messageOf(surveys.state.error)} onRetry={surveys.reload} />}
      <SelectField
        label="Survey"
        hint={
          surveys.state.status === 'ready' && surveys.state.data.length === 0 ? (
            <>
              No active survey: <Link to="/surveys/new">create one</Link> first.
            </>
          ) : (
            'The re-survey: did the recovery work?'
          )
        }
        error={s.errors.surveyId}
        className="input select"
        value={surveyId}
        onChange={(v) => setSurveyId(v)}
      >
        <option value="">{surveys.state.status === 'loading' ? 'Loading surveys…' : 'Choose a survey'}</option>
        {surveys.state.status === 'ready' &&
          surveys.state.data.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} ({x.kind.toUpperCase()})
            </option>
          ))}
      </SelectField>
      <TextField
        label="Send at (optional)"
        hint="Your local time. Empty: the workspace’s follow-up days after the fix."
        error={s.errors.sendAt}
        className="input input-narrow-wide"
        type="datetime-local"
        value={sendAt}
        onChange={(v) => setSendAt(v)}
      />
      <fieldset className="field">
        <legend className="field-label">Send as</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" name="follow-up-channel" checked={channel === 'email'} onChange={() => setChannel('email')} />
            <span>An e-mail from Kept</span>
          </label>
          <label className="radio">
            <input type="radio" name="follow-up-channel" checked={channel === 'link'} onChange={() => setChannel('link')} />
            <span>A link you pass on</span>
          </label>
        </div>
        {s.errors.channel && <p className="field-error">{s.errors.channel}</p>}
      </fieldset>
    </StepFormShell>
  );
}
