// A case's playbook: its seven steps in order, each a card. A step taken shows who took it,
// when, and what they recorded; a skipped one, why. The next step shows its form and a way to
// skip it with a reason; later steps wait, saying which step comes first.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../../shared/api.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import { stepName, stepWords } from '../recovery.ts';
import type { CaseDetail, PlaybookStep, StepName, User } from '../../../shared/types.ts';
import { CheckIcon } from '../../../shared/icons.tsx';
import {
  AcknowledgeForm,
  AskForm,
  FixForm,
  InvestigateForm,
  refusalOf,
  TextArea,
  type Refusal,
  type StepFormProps,
} from './step-forms.tsx';
import { ApologiseForm, FollowUpForm, RestitutionForm } from './step-forms-more.tsx';
import { TakenStep } from './taken-step.tsx';
import { ErrorNotice } from '../../../shared/states.tsx';

const guidance: Record<StepName, string> = {
  acknowledge: 'Tell the customer you have heard them and that putting it right is yours. The first human contact.',
  apologise: 'A real apology owns the mistake: “we sent you the wrong jar”, never “we apologise for any inconvenience”.',
  investigate: 'Find out what went wrong and why. Link the cause when other customers may be touched too.',
  fix: 'Put the problem right, and write down what was done.',
  ask: 'Ask the customer what would make it right, and write down their answer.',
  restitution: 'What the customer gets, and a surprise they did not expect, with what it costs.',
  follow_up: 'Re-survey the customer after the fix, to learn whether the recovery worked.',
};

export interface PlaybookProps {
  detail: CaseDetail;
  users: User[];
  causes: { id: string; title: string }[];
  onSaved: (d: CaseDetail) => void;
  /** a step was refused because earlier ones are missing: the page reloads the case */
  onOutOfOrder: () => void;
}

interface CardProps extends Omit<PlaybookProps, 'onOutOfOrder'> {
  onOutOfOrder: (refusal: Refusal) => void;
}

export function Playbook(props: PlaybookProps) {
  const { detail } = props;
  const [refused, setRefused] = useState<{ step: StepName } & Refusal>();
  const open = detail.status === 'open';
  const firstPending = detail.playbook.find((s) => s.status === 'pending');
  const next = open ? (detail.nextStep ?? firstPending?.step ?? null) : null;
  // After a step is saved, focus goes to the next step's heading (or, with none left, the saved one's), not the page body.
  const [focusAfterSave, setFocusAfterSave] = useState<StepName>();
  useEffect(() => {
    if (!focusAfterSave) return;
    document.getElementById(`step-${focusAfterSave}`)?.focus();
    setFocusAfterSave(undefined);
  }, [detail, focusAfterSave]);
  return (
    <ol className="playbook" aria-label="Playbook, in order">
      {detail.playbook.map((step, i) => (
        <StepCard
          key={step.step}
          index={i + 1}
          step={step}
          state={step.status !== 'pending' ? step.status : step.step === next ? 'next' : open ? 'waiting' : 'not_taken'}
          waitingFor={next}
          refusal={refused?.step === step.step ? refused : undefined}
          {...props}
          onSaved={(d) => {
            setRefused(undefined);
            setFocusAfterSave(nextStepOf(d) ?? step.step);
            props.onSaved(d);
          }}
          onOutOfOrder={(r) => {
            setRefused({ step: step.step, ...r });
            props.onOutOfOrder();
          }}
        />
      ))}
    </ol>
  );
}

/** The step a case waits for: none once it is closed. */
function nextStepOf(d: CaseDetail): StepName | undefined {
  if (d.status !== 'open') return undefined;
  return d.nextStep ?? d.playbook.find((s) => s.status === 'pending')?.step;
}

type CardState = 'done' | 'skipped' | 'next' | 'waiting' | 'not_taken';

const stateWords: Record<CardState, string> = {
  done: 'Done',
  skipped: 'Skipped',
  next: 'Next step',
  waiting: 'Waiting',
  not_taken: 'Not taken',
};

function StepCard({
  index,
  step,
  state,
  waitingFor,
  refusal,
  ...props
}: CardProps & { index: number; step: PlaybookStep; state: CardState; waitingFor: StepName | null; refusal?: Refusal }) {
  const headingId = `step-${step.step}`;
  return (
    <li className={`step step-${state}`}>
      <section className="step-card card" aria-labelledby={headingId}>
        <header className="step-head">
          <span className="step-number" aria-hidden="true">
            {state === 'done' ? <CheckIcon /> : index}
          </span>
          <h3 className="step-title" id={headingId} tabIndex={-1}>
            <span className="visually-hidden">Step {index}: </span>
            {step.title}
          </h3>
          <span className={`step-state step-state-${state}`}>{stateWords[state]}</span>
          {step.required && <span className="pill pill-required">Required to close</span>}
        </header>
        {refusal && (
          <div className="notice notice-error notice-block" role="alert">
            <p>{refusal.message}</p>
            {refusal.missing.length > 0 && <p>Do or skip {stepWords(refusal.missing)} first: the playbook goes in order.</p>}
          </div>
        )}
        {(state === 'done' || state === 'skipped') && <TakenStep step={step} detail={props.detail} causes={props.causes} />}
        {state === 'next' && (
          <>
            <p className="step-guidance">{guidance[step.step]}</p>
            <StepForm step={step.step} {...props} />
            <SkipForm step={step} {...props} />
          </>
        )}
        {state === 'waiting' && (
          <p className="step-waiting">
            {guidance[step.step]} <strong>Do or skip {waitingFor ? stepName[waitingFor] : 'the earlier steps'} first.</strong>
          </p>
        )}
        {state === 'not_taken' && <p className="step-waiting">The case closed without this step.</p>}
      </section>
    </li>
  );
}

function StepForm({ step, ...props }: CardProps & { step: StepName }) {
  const base: StepFormProps = { detail: props.detail, onSaved: props.onSaved, onOutOfOrder: props.onOutOfOrder };
  switch (step) {
    case 'acknowledge':
      return <AcknowledgeForm {...base} />;
    case 'apologise':
      return <ApologiseForm {...base} />;
    case 'investigate':
      return <InvestigateForm {...base} causes={props.causes} />;
    case 'fix':
      return <FixForm {...base} />;
    case 'ask':
      return <AskForm {...base} />;
    case 'restitution':
      return <RestitutionForm {...base} users={props.users} />;
    case 'follow_up':
      return <FollowUpForm {...base} />;
  }
}

function SkipForm({ step, detail, onSaved, onOutOfOrder }: CardProps & { step: PlaybookStep }) {
  const form = useRef<HTMLFormElement>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> =
      reason.trim().length >= 3 ? {} : { reason: 'Say why this step does not apply (3 characters or more)' };
    await run(problems, async () => {
      try {
        onSaved(
          await api<CaseDetail>(`/api/v1/cases/${detail.id}/steps/${step.step}/skip`, { method: 'POST', body: { reason: reason.trim() } }),
        );
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        onOutOfOrder(refusal);
      }
    });
  }

  if (!open) {
    return (
      <div className="step-skip">
        <button type="button" className="button button-ghost button-small" onClick={() => setOpen(true)}>
          Skip this step…<span className="visually-hidden"> ({step.title})</span>
        </button>
      </div>
    );
  }
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack step-skip-form">
      {failure && <ErrorNotice message={failure} />}
      <TextArea
        label={`Why skip “${step.title}”?`}
        hint="Kept records the reason with your name."
        error={errors.reason}
        value={reason}
        onChange={setReason}
        rows={2}
        max={1000}
      />
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {busy ? 'Skipping…' : 'Skip step'}
        </button>
        <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
