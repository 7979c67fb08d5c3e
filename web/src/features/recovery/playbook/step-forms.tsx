// The form for each step of the playbook, as the next step's card shows it. Each sends
// POST /api/v1/cases/{id}/steps; the server's problems land under the field they name, and a
// refusal because an earlier step is missing says which one.
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { api, ApiError } from '../../../shared/api.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import type { CaseDetail, StepInput } from '../../../shared/types.ts';
import { SelectField, TextAreaField, TextField } from '../../../shared/fields.tsx';

export interface Refusal {
  message: string;
  /** the earlier steps the server says are not done or skipped */
  missing: string[];
}

export interface StepFormProps {
  detail: CaseDetail;
  onSaved: (d: CaseDetail) => void;
  /** the server refused the step because earlier ones are missing: the card says so and the page reloads the case */
  onOutOfOrder: (refusal: Refusal) => void;
}

/**
 * The refusal in a 409 about the order of steps: earlier ones missing ({ step, missing: [...] }),
 * or the step taken already (someone else was quicker), if that is what the error is.
 */
export function refusalOf(err: unknown): Refusal | undefined {
  if (!(err instanceof ApiError) || err.status !== 409) return undefined;
  const details = err.details as { step?: unknown; missing?: unknown } | undefined;
  if (!details?.step) return undefined;
  return { message: err.message, missing: Array.isArray(details.missing) ? details.missing.map(String) : [] };
}

/**
 * What each step form shares: field errors, one failure message, a busy flag, and sending the
 * step. A refusal for order goes to the card (the form may be gone once the case reloads).
 */
export function useStepSubmit(props: StepFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const { errors, failure, busy, submit } = useFormSubmit(form);

  async function send(problems: Record<string, string>, body: () => StepInput) {
    await submit(problems, async () => {
      try {
        props.onSaved(await api<CaseDetail>(`/api/v1/cases/${props.detail.id}/steps`, { method: 'POST', body: body() }));
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        props.onOutOfOrder(refusal);
      }
    });
  }

  const notice = failure && (
    <div className="notice notice-error" role="alert">
      {failure}
    </div>
  );
  return { form, errors, busy, send, notice };
}

export function StepFormShell({
  form,
  onSubmit,
  notice,
  busy,
  label,
  children,
}: {
  form: RefObject<HTMLFormElement | null>;
  onSubmit: (e: FormEvent) => void;
  notice: ReactNode;
  busy: boolean;
  label: string;
  children: ReactNode;
}) {
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="stack step-form">
      {notice}
      {children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Saving…' : label}
        </button>
      </div>
    </form>
  );
}

export function TextArea({
  label,
  hint,
  error,
  value,
  onChange,
  rows = 3,
  max,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  rows?: number;
  max: number;
}) {
  return (
    <TextAreaField
      label={label}
      hint={hint}
      error={error}
      className="input textarea"
      rows={rows}
      maxLength={max}
      value={value}
      onChange={(v) => onChange(v)}
    />
  );
}

const trimmed = (v: string) => (v.trim() ? v.trim() : undefined);

export function AcknowledgeForm(props: StepFormProps) {
  const s = useStepSubmit(props);
  const [message, setMessage] = useState('');
  const [note, setNote] = useState('');
  return (
    <StepFormShell
      {...s}
      label="Acknowledge"
      onSubmit={(e) => {
        e.preventDefault();
        void s.send({}, () => ({ step: 'acknowledge', message: trimmed(message), note: trimmed(note) }));
      }}
    >
      <TextArea
        label="Message to the customer (optional)"
        hint="Sent by e-mail: the first human contact. Say you have heard them and that this is yours to put right."
        error={s.errors.message}
        value={message}
        onChange={setMessage}
        rows={4}
        max={5000}
      />
      <TextArea label="Note for the team (optional)" error={s.errors.note} value={note} onChange={setNote} rows={2} max={2000} />
    </StepFormShell>
  );
}

export function InvestigateForm(props: StepFormProps & { causes: { id: string; title: string }[] }) {
  const s = useStepSubmit(props);
  const [rootCause, setRootCause] = useState('');
  const [causeId, setCauseId] = useState(props.detail.causeId ?? '');
  return (
    <StepFormShell
      {...s}
      label="Record the root cause"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = rootCause.trim() ? {} : { rootCause: 'Say what went wrong and why' };
        void s.send(problems, () => ({ step: 'investigate', rootCause: rootCause.trim(), ...(causeId ? { causeId } : {}) }));
      }}
    >
      <TextArea
        label="Root cause"
        hint="What went wrong and why, for the team."
        error={s.errors.rootCause}
        value={rootCause}
        onChange={setRootCause}
        max={2000}
      />
      <SelectField
        label="Cause (optional)"
        hint="Link a recorded cause when other customers may be touched too."
        error={s.errors.causeId}
        className="input select"
        value={causeId}
        onChange={(v) => setCauseId(v)}
      >
        <option value="">No cause</option>
        {props.causes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </SelectField>
    </StepFormShell>
  );
}

export function FixForm(props: StepFormProps) {
  const s = useStepSubmit(props);
  const [note, setNote] = useState('');
  return (
    <StepFormShell
      {...s}
      label="Record the fix"
      onSubmit={(e) => {
        e.preventDefault();
        void s.send(note.trim() ? {} : { note: 'Say what was done' }, () => ({ step: 'fix', note: note.trim() }));
      }}
    >
      <TextArea label="What was done" error={s.errors.note} value={note} onChange={setNote} max={2000} />
    </StepFormShell>
  );
}

export function AskForm(props: StepFormProps) {
  const s = useStepSubmit(props);
  const [question, setQuestion] = useState('What would make this right for you?');
  const [answer, setAnswer] = useState('');
  return (
    <StepFormShell
      {...s}
      label="Record their answer"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = answer.trim() ? {} : { answer: 'Write down what the customer said' };
        void s.send(problems, () => ({ step: 'ask', question: trimmed(question), answer: answer.trim() }));
      }}
    >
      <TextField
        label="Question"
        error={s.errors.question}
        className="input"
        maxLength={1000}
        value={question}
        onChange={(v) => setQuestion(v)}
      />
      <TextArea
        label="What the customer said"
        hint="In their words, as near as you can."
        error={s.errors.answer}
        value={answer}
        onChange={setAnswer}
        max={2000}
      />
    </StepFormShell>
  );
}
