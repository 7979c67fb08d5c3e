// The dashboard's breakdown by a customer attribute: a score for each of its values.
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { plural } from '../../shared/format.ts';
import { DrillButton, type DrillTarget } from './drill-down.tsx';
import { Field } from '../../shared/field.tsx';
import { IntervalBar } from './score-card.tsx';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { formatBound, formatCount, formatFigure, kindTitle, minAnswers } from './scores.ts';
import type { CustomerAttributes, ScoreEntry, ScoreReport } from '../../shared/types.ts';
import { type Filters, baseQuery, segmentProblem } from './dashboard-filters.ts';

/** The list's choice that asks for a name typed by hand (no attribute name has a colon). */
const other = ':other';

export function SegmentSection({
  f,
  context,
  setParams,
}: {
  f: Filters;
  context: string;
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  // The attributes customers carry are picked from a list; "Another attribute…" takes any other name.
  const known = useLoad('customer-attributes', (signal) => api<CustomerAttributes>('/api/v1/customers/attributes', { signal }));
  const suggestions = known.state.status === 'ready' ? known.state.data.items : [];
  const [choice, setChoice] = useState<string>();
  const [typed, setTyped] = useState(f.segment ?? '');
  const listed = !!f.segment && suggestions.some((a) => a.key === f.segment);
  const picked = choice ?? (f.segment ? (listed || suggestions.length === 0 ? f.segment : other) : '');
  const typing = suggestions.length === 0 || picked === other;
  const attribute = typing ? typed : picked;
  const [error, setError] = useState<string>();
  const query = { ...baseQuery(f), kind: f.kind, segment: f.segment };
  const report = useLoad(`segments|${JSON.stringify(query)}`, (signal) =>
    f.segment ? api<ScoreReport>('/api/v1/metrics/scores', { query, signal }) : Promise.resolve(undefined),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = segmentProblem(attribute);
    setError(problem);
    if (!problem) setParams({ segment: attribute.trim() || undefined });
  }

  const kindReport = report.state.status === 'ready' ? report.state.data?.kinds.find((k) => k.kind === f.kind) : undefined;
  return (
    <section className="card dashboard-section" aria-labelledby="segments-heading">
      <div className="section-head section-head-wrap">
        <h2 id="segments-heading">{kindTitle[f.kind]} by segment</h2>
      </div>
      <form className="inline-form segment-form" onSubmit={submit} noValidate>
        {suggestions.length > 0 && (
          <Field
            label="Customer attribute"
            hint={`${plural(suggestions.length, 'attribute')} among your customers`}
            error={typing ? undefined : error}
          >
            {(control) => (
              <select {...control} className="input" value={picked} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Choose an attribute…</option>
                {suggestions.map((a) => (
                  <option key={a.key} value={a.key}>
                    {`${a.key} (${formatCount(a.customers)} customers: ${a.values
                      .slice(0, 3)
                      .map((v) => v.value)
                      .join(', ')}${a.values.length > 3 ? ', …' : ''})`}
                  </option>
                ))}
                <option value={other}>Another attribute…</option>
              </select>
            )}
          </Field>
        )}
        {typing && (
          <Field
            label={suggestions.length ? 'Attribute name' : 'Customer attribute'}
            hint="Any attribute your events set on customers, e.g. plan, region or country."
            error={error}
          >
            {(control) => (
              <input
                {...control}
                className="input input-mono"
                maxLength={64}
                spellCheck={false}
                autoCapitalize="off"
                placeholder="plan"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            )}
          </Field>
        )}
        <button type="submit" className="button">
          Break down
        </button>
        {f.segment && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              setChoice('');
              setTyped('');
              setParams({ segment: undefined, split: undefined });
            }}
          >
            Clear
          </button>
        )}
      </form>
      {!f.segment && <p className="muted empty-inline">Choose a customer attribute to see a score for each of its values.</p>}
      {f.segment && report.state.status === 'loading' && <Loading label="Loading segments…" />}
      {report.state.status === 'error' && <ErrorNotice message={messageOf(report.state.error)} onRetry={report.reload} />}
      {f.segment && kindReport && (
        <SegmentTable
          segment={f.segment}
          everyone={kindReport.everyone}
          rows={kindReport.segments}
          omitted={kindReport.omittedSegments}
          context={context}
        />
      )}
      {f.segment && report.state.status === 'ready' && !kindReport && (
        <p className="muted empty-inline">No {kindTitle[f.kind]} answers in this period.</p>
      )}
    </section>
  );
}

function SegmentTable({
  segment,
  everyone,
  rows,
  omitted,
  context,
}: {
  segment: string;
  everyone: ScoreEntry;
  rows: ScoreEntry[];
  omitted: number;
  context: string;
}) {
  if (rows.length === 0) {
    return (
      <p className="muted empty-inline">
        No answers come from customers with a <code className="code">{segment}</code> attribute in this period.
      </p>
    );
  }
  return (
    <>
      <div className="table-scroll">
        <table className="table table-compact segment-table">
          <caption className="visually-hidden">
            {kindTitle[everyone.kind]} by {segment}
          </caption>
          <thead>
            <tr>
              <th scope="col">{segment}</th>
              <th scope="col">{kindTitle[everyone.kind]}</th>
              <th scope="col">95% interval</th>
              <th scope="col">Answers (n)</th>
              <th scope="col">Response rate</th>
            </tr>
          </thead>
          <tbody>
            {[...rows, everyone].map((row) => (
              <SegmentRow key={row.segmentValue ?? '(everyone)'} row={row} segment={segment} context={context} />
            ))}
          </tbody>
        </table>
      </div>
      {omitted > 0 && <p className="field-hint">{formatCount(omitted)} more values with fewer answers are not listed.</p>}
    </>
  );
}

function SegmentRow({ row, segment, context }: { row: ScoreEntry; segment: string; context: string }) {
  const kind = row.kind;
  const name = row.segmentValue === null ? 'Everyone' : row.segmentValue;
  const target: DrillTarget = {
    title: `${kindTitle[kind]} answers, ${row.segmentValue === null ? 'everyone' : `${segment}: ${row.segmentValue}`}`,
    description: context,
    url: row.drillDown,
    count: row.n,
  };
  return (
    <tr className={row.segmentValue === null ? 'row-total' : undefined}>
      <th scope="row" className="row-head">
        {name}
      </th>
      <td>
        {row.enoughData && row.value !== null ? (
          <DrillButton target={target} what={`the answers of ${name}`}>
            {formatFigure(kind, row.value)}
          </DrillButton>
        ) : (
          <span className="muted">Not enough data</span>
        )}
      </td>
      <td>
        {row.enoughData && row.value !== null && row.interval ? (
          <div className="interval-cell">
            <IntervalBar kind={kind} value={row.value} interval={row.interval} compact />
            <span>
              {formatBound(kind, row.interval.low)} to {formatBound(kind, row.interval.high)}
            </span>
          </div>
        ) : (
          <span className="muted">n &lt; {minAnswers}</span>
        )}
      </td>
      <td>
        {row.n > 0 ? (
          <DrillButton target={target} what={`the ${formatCount(row.n)} answers of ${name}`}>
            {formatCount(row.n)}
          </DrillButton>
        ) : (
          '0'
        )}
      </td>
      <td>
        {row.responseRate.enoughData && row.responseRate.value !== null ? (
          `${Math.round(row.responseRate.value)}%`
        ) : (
          <span className="muted">Not enough invitations</span>
        )}
      </td>
    </tr>
  );
}
