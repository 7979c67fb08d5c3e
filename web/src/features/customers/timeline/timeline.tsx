// A customer's timeline: each event with its department's colour as a stripe and badge (and
// the department's name, so colour is never the only cue), its type, when it happened and its data.
// A survey answer (response.created / response.updated) reads as one: the survey, the score out
// of its maximum, and what the customer wrote; the outbox's events (a message held, a task
// closed) read as their reason. A link can point at one event (?event=ID): it is marked and scrolled to.
import { useEffect, useRef } from 'react';
import { sourceStyle, type SourceStyle } from '../../../shared/colours.ts';
import { formatDateTime, formatDateTimeLong } from '../../../shared/format.ts';
import { useSurveys } from '../../../shared/lookup.ts';
import { Link } from '../../../shared/router.tsx';
import { kindName, surveyKindList } from '../../surveys/survey-kinds.ts';
import type { Department, Event, SurveyKind } from '../../../shared/types.ts';
import { DataView } from './data-view.tsx';
import { answerLabels, ScoreChip } from '../../dashboard/drill-down.tsx';
import { isOutboxEvent, OutboxEventSummary } from '../../outbox/outbox-event.tsx';
import { SourceBadge } from '../../../shared/source-badge.tsx';
import { FilterSelect } from '../../../shared/filters.tsx';
import { api } from '../../../shared/api.ts';
import { useLoad } from '../../../shared/hooks.ts';
import type { User } from '../../../shared/types.ts';
import { labelledData, readableLabel, type Names, type Part } from './event-sentence.ts';
import { sentenceOf } from './event-sentences.ts';
import { When } from '../../../shared/tip/when.tsx';
import { HandPickedPill } from '../../../shared/hand-picked.tsx';

export function Timeline({
  events,
  departments,
  stale,
  focusId,
}: {
  events: Event[];
  departments: Department[];
  stale: boolean;
  /** the event a link pointed at */
  focusId?: string;
}) {
  const users = useLoad('users', (signal) => api<{ items: User[] }>('/api/v1/users', { signal }).then((r) => r.items));
  const names: Names = {
    people: new Map((users.state.status === 'ready' ? users.state.data : []).map((u) => [u.id, u.name || u.email])),
    departments: new Map(departments.map((d) => [d.id, d.name])),
  };
  return (
    <ol className={stale ? 'timeline is-stale' : 'timeline'} aria-busy={stale}>
      {events.map((event) => (
        <TimelineEvent
          key={event.id}
          event={event}
          names={names}
          source={sourceStyle(event.source, departments)}
          focused={event.id === focusId}
        />
      ))}
    </ol>
  );
}

function TimelineEvent({ event, names, source, focused }: { event: Event; names: Names; source: SourceStyle; focused: boolean }) {
  const sentence = sentenceOf(event, { names });
  const headingId = `event-${event.id}`;
  const article = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focused) return;
    article.current?.scrollIntoView({ block: 'center' });
    article.current?.focus({ preventScroll: true });
  }, [focused]);
  return (
    <li className="timeline-item">
      <span className="timeline-node" style={{ background: source.colour }} aria-hidden="true" />
      <article
        ref={article}
        className={focused ? 'event is-focused' : 'event'}
        aria-labelledby={headingId}
        aria-current={focused || undefined}
        tabIndex={focused ? -1 : undefined}
        style={{ borderLeftColor: source.colour }}
      >
        <header className="event-head">
          <SourceBadge source={source} />
          <h3 className="event-type" id={headingId}>
            {readableLabel(event.type)}
          </h3>
          <span className="event-time">
            <When at={event.occurredAt} />
            <span aria-hidden="true"> · </span>
            <span>{formatDateTime(event.occurredAt)}</span>
          </span>
        </header>
        {responseOf(event) ? (
          <ResponseSummary answer={responseOf(event)!} updated={event.type === 'response.updated'} />
        ) : isOutboxEvent(event) ? (
          <OutboxEventSummary event={event} />
        ) : sentence ? (
          <p className="event-sentence">
            <SentenceParts parts={sentence} />
          </p>
        ) : (
          <LabelledData data={event.data} names={names} />
        )}
        <details className="event-meta">
          <summary>Event details</summary>
          <p className="details-wide">
            Type <code className="code">{event.type}</code>
          </p>
          {(sentence || responseOf(event) || isOutboxEvent(event)) && <DataView data={event.data} />}
          <dl className="details details-inline">
            <div>
              <dt>Source</dt>
              <dd>
                <code className="code">{event.source}</code>
              </dd>
            </div>
            <div>
              <dt>Received</dt>
              <dd>{formatDateTimeLong(event.receivedAt)}</dd>
            </div>
            <div>
              <dt>Idempotency key</dt>
              <dd>{event.idempotencyKey ? <code className="code">{event.idempotencyKey}</code> : <span className="muted">none</span>}</dd>
            </div>
            <div className="details-wide">
              <dt>Event ID</dt>
              <dd>
                <code className="code">{event.id}</code>
              </dd>
            </div>
          </dl>
        </details>
      </article>
    </li>
  );
}

interface AnswerData {
  surveyId: string;
  surveyName: string;
  kind: SurveyKind;
  score: number;
  reason: string | null;
  answers: Record<string, string>;
  channel: string | null;
  handPicked: boolean;
}

/** The answer an event of type response.created / response.updated carries, when its data has the expected shape. */
function responseOf(event: Event): AnswerData | undefined {
  if (event.type !== 'response.created' && event.type !== 'response.updated') return undefined;
  const d = event.data;
  const kind = d.kind as SurveyKind;
  if (typeof d.surveyId !== 'string' || typeof d.score !== 'number' || !surveyKindList.includes(kind)) return undefined;
  const answers =
    d.answers && typeof d.answers === 'object' && !Array.isArray(d.answers)
      ? Object.fromEntries(Object.entries(d.answers as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
      : {};
  return {
    surveyId: d.surveyId,
    surveyName: typeof d.surveyName === 'string' ? d.surveyName : 'A survey',
    kind,
    score: d.score,
    reason: typeof d.reason === 'string' && d.reason.trim() ? d.reason : null,
    answers,
    channel: typeof d.channel === 'string' ? d.channel : null,
    handPicked: d.handPicked === true,
  };
}

const channelWords: Record<string, string> = { email: 'from an e-mail', link: 'by link', widget: 'in the widget', import: 'imported' };

function ResponseSummary({ answer: a, updated }: { answer: AnswerData; updated: boolean }) {
  const extra = Object.entries(a.answers);
  // The survey's own labels for its extra questions, when it has any answered here.
  const found = useSurveys(extra.length ? [a.surveyId] : []).get(a.surveyId);
  const survey = found && found !== 'missing' ? found : undefined;
  return (
    <div className="response-summary">
      <p className="response-line">
        <ScoreChip kind={a.kind} score={a.score} />
        <span>
          {updated ? 'Changed their answer to ' : 'Answered '}
          <Link to={`/surveys/${a.surveyId}`}>{a.surveyName}</Link>{' '}
          <span className="muted">
            ({kindName[a.kind]}
            {a.channel ? `, ${channelWords[a.channel] ?? a.channel}` : ''})
          </span>
        </span>
        {a.handPicked && <HandPickedPill />}
      </p>
      {a.reason ? <blockquote className="answer-reason">{a.reason}</blockquote> : <p className="muted answer-none">No reason given.</p>}
      {extra.length > 0 && (
        <dl className="answer-extra">
          {extra.map(([q, v]) => {
            const l = answerLabels(survey, q, v);
            return (
              <div key={q}>
                <dt>{l.question}</dt>
                <dd>{l.answer}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </div>
  );
}

interface FilterProps {
  sources: { key: string; style: SourceStyle }[];
  types: string[];
  selectedSources: string[];
  selectedType: string;
  onChange: (next: { sources?: string[]; type?: string }) => void;
}

export function TimelineFilters({ sources, types, selectedSources, selectedType, onChange }: FilterProps) {
  const toggle = (key: string) =>
    onChange({ sources: selectedSources.includes(key) ? selectedSources.filter((s) => s !== key) : [...selectedSources, key] });
  const filtered = selectedSources.length > 0 || selectedType !== '';
  return (
    <div className="filters">
      {sources.length > 0 && (
        <div className="filter-group" role="group" aria-labelledby="filter-departments">
          <span className="filter-label" id="filter-departments">
            Departments
          </span>
          <div className="chips">
            {sources.map(({ key, style }) => {
              const on = selectedSources.includes(key);
              return (
                <button
                  key={key}
                  type="button"
                  className={on ? 'chip is-on' : 'chip'}
                  aria-pressed={on}
                  onClick={() => toggle(key)}
                  style={on ? { background: style.tint, borderColor: style.colour } : undefined}
                >
                  <span className="badge-dot" style={{ background: style.colour }} aria-hidden="true" />
                  {style.name}
                </button>
              );
            })}
          </div>
        </div>
      )}
      <FilterSelect id="filter-type" label="Event type" value={selectedType} onChange={(v) => onChange({ type: v })} all="All types">
        {types.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </FilterSelect>
      {filtered && (
        <button type="button" className="button button-ghost button-small filter-clear" onClick={() => onChange({ sources: [], type: '' })}>
          Clear filters
        </button>
      )}
    </div>
  );
}

function SentenceParts({ parts }: { parts: readonly Part[] }) {
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <Link key={i} to={p.href}>
            {p.text}
          </Link>
        ),
      )}
    </>
  );
}

/** A type without a sentence: its data under readable labels; ids Kept has a page for are links. */
function LabelledData({ data, names }: { data: Record<string, unknown>; names: Names }) {
  const rows = labelledData(data, { names });
  if (rows.length === 0) return <p className="data-empty">No data</p>;
  return (
    <dl className="kv">
      {rows.map((r) => (
        <div className="kv-row" key={r.label}>
          <dt>{r.label}</dt>
          <dd>{r.href ? <Link to={r.href}>{r.value}</Link> : <span className="v-text">{r.value}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
