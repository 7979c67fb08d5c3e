// The answers behind a number: any figure on the dashboard opens this list (who, when, the
// score, what they wrote), newest first, with "Load more". A modal <dialog>: it traps focus,
// closes on Escape and gives focus back to the number that opened it.
import { createContext, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { api } from '../../shared/api.ts';
import { formatRelative, plural } from '../../shared/format.ts';
import { usePaged } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { bands, formatCount } from './scores.ts';
import { scaleOf } from '../surveys/survey-kinds.ts';
import type { Page, Survey, SurveyKind, SurveyResponse } from '../../shared/types.ts';
import { EmptyState, PagedStates } from '../../shared/states.tsx';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { When } from '../../shared/tip/when.tsx';
import { HandPickedPill } from '../../shared/hand-picked.tsx';

export interface DrillTarget {
  /** what the answers are, e.g. "NPS answers, plan: gold" */
  title: string;
  /** the period and filters, in words */
  description?: string;
  /** GET /api/v1/responses with the figure's filters (the API's `drillDown`) */
  url: string;
  /** how many answers the figure counted, when known */
  count?: number;
}

const DrillContext = createContext<(target: DrillTarget) => void>(() => undefined);

/** Lets any DrillButton below open the answers dialog. */
export function DrillDown({ surveys, children }: { surveys: Survey[]; children: ReactNode }) {
  const [target, setTarget] = useState<DrillTarget>();
  return (
    <DrillContext.Provider value={setTarget}>
      {children}
      <AnswersDialog target={target} surveys={surveys} onClose={() => setTarget(undefined)} />
    </DrillContext.Provider>
  );
}

/** A number that opens the answers behind it. `what` finishes "Show …" for screen readers. */
export function DrillButton({
  target,
  what,
  children,
  className,
}: {
  target: DrillTarget;
  what: string;
  children: ReactNode;
  className?: string;
}) {
  const open = useContext(DrillContext);
  return (
    <button type="button" className={className ? `drill ${className}` : 'drill'} onClick={() => open(target)}>
      {children}
      <span className="visually-hidden"> — show {what}</span>
    </button>
  );
}

function AnswersDialog({ target, surveys, onClose }: { target?: DrillTarget; surveys: Survey[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = dialog.current;
    if (target && d && !d.open) d.showModal();
    if (!target && d?.open) d.close();
  }, [target]);

  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} onClose={onClose}>
      {target && (
        <>
          <div className="dialog-head">
            <div>
              <h2 id={`${id}-title`} className="dialog-title">
                {target.title}
              </h2>
              <p id={`${id}-desc`} className="muted">
                {target.description}
                {target.count !== undefined && ` · ${plural(target.count, 'answer')}`}
              </p>
            </div>
            <div className="page-actions">
              <ExportMenu kind="answers" filters={Object.fromEntries(new URL(target.url, window.location.origin).searchParams)} />
              <button type="button" className="button button-ghost button-small" onClick={onClose} autoFocus>
                Close
              </button>
            </div>
          </div>
          <Answers key={target.url} url={target.url} surveys={surveys} />
        </>
      )}
    </dialog>
  );
}

function Answers({ url, surveys }: { url: string; surveys: Survey[] }) {
  const list = usePaged<SurveyResponse>(url, (cursor, signal) => api<Page<SurveyResponse>>(url, { query: { limit: 25, cursor }, signal }));
  return (
    <div className="answers">
      <PagedStates
        list={list}
        loading="Loading answers…"
        empty={
          <EmptyState title="No answers">
            <p>No answer matches these filters any more.</p>
          </EmptyState>
        }
        moreLabel="Load more answers"
      >
        <ol className="answer-list" aria-label="Answers, newest first">
          {list.items.map((r) => (
            <AnswerItem key={r.id} response={r} survey={surveys.find((s) => s.id === r.surveyId)} />
          ))}
        </ol>
      </PagedStates>
      <p className="visually-hidden" role="status">
        {list.status === 'ready' && `${formatCount(list.items.length)}${list.nextCursor ? ' or more' : ''} answers shown`}
      </p>
    </div>
  );
}

export function scoreTone(kind: SurveyKind, score: number): 'positive' | 'negative' | 'neutral' {
  const b = bands[kind];
  if (score >= b.positive[0] && score <= b.positive[1]) return 'positive';
  if (score >= b.negative[0] && score <= b.negative[1]) return 'negative';
  return 'neutral';
}

export function ScoreChip({ kind, score }: { kind: SurveyKind; score: number }) {
  return (
    <span className={`score-chip score-${scoreTone(kind, score)}`}>
      <span aria-hidden="true">
        {score}
        <span className="score-chip-max"> / {scaleOf[kind].max}</span>
      </span>
      <span className="visually-hidden">
        Score {score} out of {scaleOf[kind].max}
      </span>
    </span>
  );
}

const channelText: Record<SurveyResponse['channel'], string> = { email: 'e-mail', link: 'link', widget: 'widget', import: 'import' };

/** An extra question's answer in words: the question's and option's labels when the survey is at hand. */
export function answerLabels(survey: Survey | undefined, questionId: string, value: string): { question: string; answer: string } {
  const q = survey?.questions.find((x) => x.id === questionId);
  if (!q || !survey) return { question: questionId, answer: value };
  const pick = (labels: Record<string, string>) => labels[survey.defaultLocale] ?? labels.en ?? Object.values(labels)[0] ?? '';
  const answer = q.type !== 'open_text' ? (q.options.find((o) => o.id === value)?.label ?? undefined) : undefined;
  return { question: pick(q.label) || questionId, answer: answer ? pick(answer) : value };
}

export function AnswerItem({ response: r, survey }: { response: SurveyResponse; survey?: Survey }) {
  const who = r.customer.name ?? r.customer.email ?? r.customer.externalId ?? 'Unnamed customer';
  const extra = Object.entries(r.answers);
  return (
    <li className="answer">
      <div className="answer-head">
        <ScoreChip kind={r.kind} score={r.score} />
        <div className="answer-who">
          <Link to={`/customers/${r.customer.id}`} className="answer-name">
            {who}
          </Link>
          <span className="muted">
            <When at={r.answeredAt} show="dateTime" /> ({formatRelative(r.answeredAt)}) · {r.surveyName} · by {channelText[r.channel]}
          </span>
        </div>
        {r.handPicked && <HandPickedPill />}
      </div>
      {r.reason ? <blockquote className="answer-reason">{r.reason}</blockquote> : <p className="muted answer-none">No reason given.</p>}
      {extra.length > 0 && (
        <dl className="answer-extra">
          {extra.map(([qid, value]) => {
            const l = answerLabels(survey, qid, value);
            return (
              <div key={qid}>
                <dt>{l.question}</dt>
                <dd>{l.answer}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </li>
  );
}
