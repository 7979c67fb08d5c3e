// A headline score: the figure with its 95 % interval drawn as a band on the scale and said in
// words, n, the positive and negative counts and the response rate. Under 30 answers it says
// "Not enough data" instead of a number. Every count opens the answers behind it.
import { useId } from 'react';
import {
  axisOf,
  bands,
  figureMeaning,
  formatBound,
  formatCount,
  formatFigure,
  formatMean,
  intervalWords,
  kindLongName,
  kindTitle,
  minAnswers,
  withParams,
} from './scores.ts';
import type { ScoreEntry, SurveyKind } from '../../shared/types.ts';
import { DrillButton, type DrillTarget } from './drill-down.tsx';

/** The interval as a band on the kind's whole scale, the figure as a tick. Decorative: the words say it. */
export function IntervalBar({
  kind,
  value,
  interval,
  compact = false,
}: {
  kind: SurveyKind;
  value: number;
  interval: { low: number; high: number };
  compact?: boolean;
}) {
  const { min, max } = axisOf(kind);
  const at = (v: number) => `${((Math.min(max, Math.max(min, v)) - min) / (max - min)) * 100}%`;
  const width = `${((Math.min(max, interval.high) - Math.max(min, interval.low)) / (max - min)) * 100}%`;
  return (
    <div className={compact ? 'interval interval-compact' : 'interval'} aria-hidden="true">
      <div className="interval-track">
        {kind === 'nps' && <span className="interval-zero" style={{ left: at(0) }} />}
        <span className="interval-band" style={{ left: at(interval.low), width }} />
        <span className="interval-value" style={{ left: at(value) }} />
      </div>
      {!compact && (
        <div className="interval-axis">
          <span>{formatBound(kind, min)}</span>
          {kind === 'nps' && <span>0</span>}
          <span>{formatBound(kind, max)}</span>
        </div>
      )}
    </div>
  );
}

/**
 * One kind's figure, interval and counts. On the dashboard it is a card of its own; `inner` draws it
 * flat inside a section that already is one (the survey page), its title a level lower.
 */
export function ScoreCard({ entry, context, inner = false }: { entry: ScoreEntry; context: string; inner?: boolean }) {
  const id = useId();
  const kind = entry.kind;
  const b = bands[kind];
  const target = (title: string, extra: Record<string, number> = {}, count?: number): DrillTarget => ({
    title,
    description: context,
    url: withParams(entry.drillDown, extra),
    count,
  });
  const all = target(`${kindTitle[kind]} answers`, {}, entry.n);
  const passives = kind === 'nps' ? entry.n - entry.positive - entry.negative : 0;
  const rate = entry.responseRate;
  const Title = inner ? 'h3' : 'h2';

  return (
    <section className={inner ? 'score-card score-card-inner' : 'card score-card'} aria-labelledby={`${id}-title`}>
      <header className="score-card-head">
        <Title id={`${id}-title`} className="score-card-title">
          {kindTitle[kind]}
        </Title>
        <span className="muted">{kindLongName[kind]}</span>
      </header>
      {entry.enoughData && entry.value !== null && entry.interval ? (
        <>
          <p className="score-figure">
            <DrillButton target={all} what={`the ${formatCount(entry.n)} answers behind this ${kindTitle[kind]}`} className="score-value">
              {formatFigure(kind, entry.value)}
            </DrillButton>
          </p>
          <p className="score-meaning">{figureMeaning[kind]}</p>
          <IntervalBar kind={kind} value={entry.value} interval={entry.interval} />
          <p className="score-interval">{intervalWords(kind, entry.interval)}</p>
          {kind === 'ces' && entry.mean && (
            <p className="score-interval">
              Mean {formatMean(entry.mean.value)} out of 7 (95% interval {formatMean(entry.mean.interval.low)} to{' '}
              {formatMean(entry.mean.interval.high)})
            </p>
          )}
        </>
      ) : (
        <>
          <p className="score-figure score-missing">Not enough data</p>
          <p className="score-meaning">
            n &lt; {minAnswers}: {entry.n === 0 ? 'no answers' : `only ${formatCount(entry.n)}`} in this period. A figure needs at least{' '}
            {minAnswers} answers, so none is shown.
          </p>
        </>
      )}
      <dl className="score-facts">
        <div>
          <dt>Answers (n)</dt>
          <dd>
            {entry.n > 0 ? (
              <DrillButton target={all} what={`the ${formatCount(entry.n)} ${kindTitle[kind]} answers`}>
                {formatCount(entry.n)}
              </DrillButton>
            ) : (
              '0'
            )}
          </dd>
        </div>
        <Count
          label={`${b.positiveName} (${b.positive[0]}–${b.positive[1]})`}
          n={entry.positive}
          target={target(
            `${b.positiveName}: ${kindTitle[kind]} ${b.positive[0]}–${b.positive[1]}`,
            { scoreMin: b.positive[0], scoreMax: b.positive[1] },
            entry.positive,
          )}
        />
        {kind === 'nps' && (
          <Count label="Passives (7–8)" n={passives} target={target('Passives: NPS 7–8', { scoreMin: 7, scoreMax: 8 }, passives)} />
        )}
        <Count
          label={`${b.negativeName} (${b.negative[0]}–${b.negative[1]})`}
          n={entry.negative}
          target={target(
            `${b.negativeName}: ${kindTitle[kind]} ${b.negative[0]}–${b.negative[1]}`,
            { scoreMin: b.negative[0], scoreMax: b.negative[1] },
            entry.negative,
          )}
        />
        <div className="score-facts-wide">
          <dt>Response rate</dt>
          <dd>
            {rate.enoughData && rate.value !== null ? (
              <>
                <strong>{Math.round(rate.value)}%</strong>{' '}
                <span className="muted">
                  of the {formatCount(rate.invited)} invitations sent in this period: {formatCount(rate.answered)} answered
                </span>
              </>
            ) : rate.invited === 0 ? (
              <span className="muted">No invitations sent in this period (imported and widget answers have none)</span>
            ) : (
              <span className="muted">
                Not enough invitations (n &lt; {minAnswers}): {formatCount(rate.answered)} answered of {formatCount(rate.invited)} invited
              </span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Count({ label, n, target }: { label: string; n: number; target: DrillTarget }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {n > 0 ? (
          <DrillButton target={target} what={`the ${formatCount(n)} answers of ${label}`}>
            {formatCount(n)}
          </DrillButton>
        ) : (
          '0'
        )}
      </dd>
    </div>
  );
}
