// A customer's timeline: each event with its department's colour as a stripe and badge (and
// the department's name, so colour is never the only cue), its type, when it happened and its data.
import { sourceStyle, type SourceStyle } from '../colours.ts';
import { formatDateTime, formatDateTimeLong, formatRelative } from '../format.ts';
import type { Department, Event } from '../types.ts';
import { DataView } from './data-view.tsx';
import { SourceBadge } from './source-badge.tsx';

export function Timeline({ events, departments, stale }: { events: Event[]; departments: Department[]; stale: boolean }) {
  return (
    <ol className={stale ? 'timeline is-stale' : 'timeline'} aria-busy={stale}>
      {events.map((event) => (
        <TimelineEvent key={event.id} event={event} source={sourceStyle(event.source, departments)} />
      ))}
    </ol>
  );
}

function TimelineEvent({ event, source }: { event: Event; source: SourceStyle }) {
  const headingId = `event-${event.id}`;
  return (
    <li className="timeline-item">
      <span className="timeline-node" style={{ background: source.colour }} aria-hidden="true" />
      <article className="event" aria-labelledby={headingId} style={{ borderLeftColor: source.colour }}>
        <header className="event-head">
          <SourceBadge source={source} />
          <h3 className="event-type" id={headingId}>
            {event.type}
          </h3>
          <span className="event-time">
            <time dateTime={event.occurredAt} title={formatDateTimeLong(event.occurredAt)}>
              {formatRelative(event.occurredAt)}
            </time>
            <span aria-hidden="true"> · </span>
            <span>{formatDateTime(event.occurredAt)}</span>
          </span>
        </header>
        <DataView data={event.data} />
        <details className="event-meta">
          <summary>Event details</summary>
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
      <div className="filter-group">
        <label className="filter-label" htmlFor="filter-type">
          Event type
        </label>
        <select id="filter-type" className="input select" value={selectedType} onChange={(e) => onChange({ type: e.target.value })}>
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {filtered && (
        <button type="button" className="button button-ghost button-small filter-clear" onClick={() => onChange({ sources: [], type: '' })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
