// The review's one question to the customers behind the rule's friction: before it is asked, a
// form with the default question in English, French and German (each customer reads theirs);
// after, the counts (asked, sent, held by the guard, not sent) and the answers beside the words
// each customer had said.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { Field, focusFirstInvalid } from '../../shared/field.tsx';
import { formatDateTime, plural } from '../../shared/format.ts';
import type { Evidence, ReviewQuestion } from '../../../../contract/learning-review.ts';
import { questionMaxLength } from '../../../../contract/learning-review.ts';
import { questionPeriod } from './period.ts';

const languages = [
  ['en', 'English'],
  ['fr', 'French'],
  ['de', 'German'],
] as const;

export function ReviewQuestionSection({
  ruleId,
  evidence,
  canAsk,
  onDone,
}: {
  ruleId: string;
  evidence: Evidence;
  canAsk: boolean;
  onDone: () => void;
}) {
  const q = evidence.question;
  if (q) return <QuestionAsked question={q} />;
  if (evidence.review.status !== 'open' || !canAsk) return null;
  return <AskForm ruleId={ruleId} defaults={evidence.questionDefaults} onDone={onDone} />;
}

function QuestionAsked({ question: q }: { question: ReviewQuestion }) {
  const c = q.counts;
  const notSent = c.noAddress + c.unsubscribed;
  return (
    <section aria-labelledby="customers-input">
      <h3 id="customers-input">The customers’ input</h3>
      <p>
        Asked {formatDateTime(q.askedAt)}: “{q.texts.en ?? Object.values(q.texts)[0]}”
      </p>
      <p role="status" aria-label="Question counts">
        {plural(c.asked, 'customer')} asked · {c.sent} sent · {c.held} held by the guard · {c.cancelled} cancelled · {notSent} not sent (
        {c.noAddress} without an e-mail address, {c.unsubscribed} unsubscribed) · {c.answered} answered
      </p>
      {q.answers.length === 0 ? (
        <p>No answers yet. Answers are taken until {formatDateTime(q.expiresAt)} while the review is open.</p>
      ) : (
        <ul className="question-answers" aria-label="Answers">
          {q.answers.map((a) => (
            <li key={a.customerId}>
              {a.words && (
                <p>
                  <small>They had said:</small> <q>{a.words}</q>
                </p>
              )}
              <blockquote>{a.answer}</blockquote>
              <small>
                {formatDateTime(a.answeredAt)} · {a.locale}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AskForm({ ruleId, defaults, onDone }: { ruleId: string; defaults: Evidence['questionDefaults']; onDone: () => void }) {
  const [texts, setTexts] = useState<Record<string, string>>({ ...defaults });
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const form = useRef<HTMLFormElement>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = questionPeriod(from, to);
    setErrors(checked.errors);
    if (checked.errors.from || checked.errors.to) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await api(`/api/v1/rules/${ruleId}/review/question`, { method: 'POST', body: { texts, ...checked.period } });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form ref={form} onSubmit={(e) => void submit(e)} aria-labelledby="ask-customers" noValidate>
      <h3 id="ask-customers">Ask the customers</h3>
      <p>
        Every customer behind the items above gets this one question once, in their language, through the outbox, quoting what they said.
        They answer on a page of their own; their answers appear here.
      </p>
      {languages.map(([code, name]) => (
        <label key={code} className="field-block">
          Question in {name}
          <textarea
            value={texts[code] ?? ''}
            maxLength={questionMaxLength}
            onChange={(e) => setTexts((t) => ({ ...t, [code]: e.target.value }))}
          />
        </label>
      ))}
      <fieldset className="field">
        <legend className="field-label">Only the customers whose items occurred in this period (optional)</legend>
        <div className="field-row">
          <Field label="From" error={errors.from} hint="Empty: from the first item.">
            {(p) => <input {...p} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label="Until" error={errors.to} hint="Empty: up to now.">
            {(p) => <input {...p} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
        </div>
      </fieldset>
      <button className="button button-primary" disabled={busy}>
        Send the question
      </button>
      {failure && <p role="alert">{failure}</p>}
    </form>
  );
}
