// A step that was taken or skipped: who, when, and what they recorded, in the step's own terms
// (the apology as sent, the root cause, the cost and its approver, the follow-up's status and link).
import { useRef, type ReactNode } from 'react';
import { formatDateTime } from '../../../shared/format.ts';
import { useSurveys } from '../../../shared/lookup.ts';
import { Link } from '../../../shared/router.tsx';
import type { CaseDetail, PlaybookStep } from '../../../shared/types.ts';
import { CopyButton } from '../../../shared/copy-button.tsx';
import { When } from '../../../shared/tip/when.tsx';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function formatMoney(m: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount);
  } catch {
    return `${m.amount.toFixed(2)} ${m.currency}`;
  }
}

export function TakenStep({ step, detail, causes }: { step: PlaybookStep; detail: CaseDetail; causes: { id: string; title: string }[] }) {
  const d = step.data;
  const facts: { label: string; value: ReactNode }[] = [];
  const add = (label: string, value: ReactNode) => value && facts.push({ label, value });
  const messageBody = (id: unknown) => detail.messages.find((m) => m.id === id)?.body;
  if (step.status === 'skipped') add('Why it was skipped', step.skipReason);
  switch (step.step) {
    case 'acknowledge':
      add(
        'Message to the customer',
        text(messageBody(d.messageId)) && <blockquote className="quote">{messageBody(d.messageId)}</blockquote>,
      );
      add('Note', text(d.note));
      break;
    case 'apologise':
      add('Apology sent', text(d.message) && <blockquote className="quote">{text(d.message)}</blockquote>);
      break;
    case 'investigate':
      add('Root cause', text(d.rootCause));
      add(
        'Cause',
        typeof d.causeId === 'string' && (
          <Link to={`/causes/${d.causeId}`}>{causes.find((c) => c.id === d.causeId)?.title ?? 'The linked cause'}</Link>
        ),
      );
      break;
    case 'fix':
      add('What was done', text(d.note));
      break;
    case 'ask':
      add('Asked', text(d.question));
      add('They said', text(d.answer) && <blockquote className="quote">{text(d.answer)}</blockquote>);
      break;
    case 'restitution':
      add('What they get', text(d.what));
      add('The wow', text(d.wow));
      add('Cost', step.cost && formatMoney(step.cost));
      add('Approved by', step.approvedBy?.name);
      break;
    case 'follow_up':
      add('Survey', typeof d.surveyId === 'string' && <SurveyName id={d.surveyId} />);
      add(
        'Goes out',
        text(d.sendAt) && `${formatDateTime(d.sendAt as string)}, by ${d.channel === 'link' ? 'a link you pass on' : 'e-mail'}`,
      );
      add('Status', followUpStatus(d));
      add('Answer link', d.channel === 'link' && text(d.url) && <AnswerLink url={d.url as string} />);
      add('Answer', followUpAnswer(d.response));
      break;
  }
  return (
    <div className="step-taken">
      <p className="step-by">
        {step.status === 'done' ? 'Done' : 'Skipped'}
        {step.by && <> by {step.by.name}</>}
        {step.at && (
          <>
            {' '}
            <When at={step.at} />
          </>
        )}
      </p>
      {facts.length > 0 && (
        <dl className="step-facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

const suppressedWords: Record<string, string> = {
  contact_rule: 'the contact rule (surveyed recently)',
  unsubscribed: 'the customer unsubscribed',
  sampled_out: 'not drawn by sampling',
  no_email: 'no e-mail address',
  survey_archived: 'the survey is archived',
};

function followUpStatus(d: Record<string, unknown>): string | undefined {
  if (d.status === 'scheduled') return 'Scheduled';
  if (d.status === 'sent') return 'Sent';
  if (d.status === 'suppressed') {
    const why = typeof d.suppressedReason === 'string' ? (suppressedWords[d.suppressedReason] ?? d.suppressedReason) : undefined;
    return why ? `Not sent: ${why}` : 'Not sent';
  }
  return text(d.status);
}

function SurveyName({ id }: { id: string }) {
  const found = useSurveys([id]).get(id);
  return <Link to={`/surveys/${id}`}>{found && found !== 'missing' ? found.name : 'The survey'}</Link>;
}

function AnswerLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="secret-row secret-row-wrap answer-link">
      <label htmlFor="follow-up-url" className="visually-hidden">
        Answer link for the follow-up survey
      </label>
      <input id="follow-up-url" ref={input} className="input input-mono" readOnly value={url} onFocus={(e) => e.target.select()} />
      <CopyButton text={url} what="answer link" target={input} className="button button-small" />
    </span>
  );
}

function followUpAnswer(response: unknown): string | undefined {
  if (!response || typeof response !== 'object') return undefined;
  const r = response as { score?: unknown; answeredAt?: unknown };
  if (typeof r.score !== 'number') return undefined;
  return `Scored ${r.score}${typeof r.answeredAt === 'string' ? `, ${formatDateTime(r.answeredAt)}` : ''}`;
}
