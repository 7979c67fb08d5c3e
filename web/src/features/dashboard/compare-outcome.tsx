// The result of a comparison: each side's figure and n, and the verdict on their difference.
import { DrillButton, type DrillTarget } from './drill-down.tsx';
import { IntervalBar } from './score-card.tsx';
import {
  addDays,
  formatCount,
  formatDay,
  formatDifference,
  formatFigure,
  formatMean,
  formatZ,
  intervalWords,
  kindTitle,
  minAnswers,
} from './scores.ts';
import { sideName } from './compare.ts';
import type { CompareResult, SurveyKind } from '../../shared/types.ts';

export function CompareOutcome({ result: r }: { result: CompareResult }) {
  const kind = r.kind;
  const hand = r.includeHandPicked ? 'hand-picked answers included' : 'hand-picked answers left out';
  return (
    <div className="compare-result">
      <h3 className="visually-hidden">Result</h3>
      <div className="compare-sides">
        {(['a', 'b'] as const).map((side) => {
          const s = r[side];
          const name = sideName(r, side);
          const target: DrillTarget = {
            title: `${kindTitle[kind]} answers, ${side.toUpperCase()}: ${name}`,
            description: r.by === 'segments' ? `${formatDay(s.from)} – ${formatDay(addDays(s.to, -1))} · ${hand}` : hand,
            url: s.drillDown,
            count: s.n,
          };
          return (
            <div key={side} className="compare-side">
              <p className="compare-side-name">
                <span className="compare-letter">{side.toUpperCase()}</span> {name}
              </p>
              {s.enoughData && s.value !== null && s.interval ? (
                <>
                  <p className="compare-figure">
                    <DrillButton target={target} what={`the answers of ${side.toUpperCase()}`}>
                      {formatFigure(kind, s.value)}
                    </DrillButton>
                  </p>
                  <IntervalBar kind={kind} value={s.value} interval={s.interval} />
                  <p className="score-interval">{intervalWords(kind, s.interval)}</p>
                  {kind === 'ces' && s.mean && <p className="score-interval">Mean {formatMean(s.mean.value)} out of 7</p>}
                </>
              ) : (
                <p className="compare-figure score-missing">Not enough data</p>
              )}
              <p className="muted">
                n ={' '}
                {s.n > 0 ? (
                  <DrillButton target={target} what={`the ${formatCount(s.n)} answers of ${side.toUpperCase()}`}>
                    {formatCount(s.n)}
                  </DrillButton>
                ) : (
                  '0'
                )}
              </p>
            </div>
          );
        })}
      </div>
      <Verdict kind={kind} c={r} label="Difference (A − B)" />
      {kind === 'ces' && r.mean && <Verdict kind={kind} c={r.mean} label="Difference of the means (A − B)" mean />}
    </div>
  );
}

function Verdict({
  kind,
  c,
  label,
  mean = false,
}: {
  kind: SurveyKind;
  c: { enoughData: boolean; difference: number | null; z: number | null; significant: boolean | null };
  label: string;
  mean?: boolean;
}) {
  if (!c.enoughData || c.difference === null || c.z === null) {
    return (
      <p className="verdict verdict-none">
        <strong>{label}:</strong> not enough data: each side needs at least {minAnswers} answers.
      </p>
    );
  }
  const diff = mean
    ? `${c.difference > 0 ? '+' : c.difference < 0 ? '−' : '±'}${Math.abs(c.difference).toFixed(2)}`
    : formatDifference(kind, c.difference);
  return (
    <p className={c.significant ? 'verdict verdict-significant' : 'verdict'}>
      <strong>{label}:</strong> {diff} · z = {formatZ(c.z)} ·{' '}
      <span className="verdict-word">{c.significant ? 'Significant' : 'Not significant'}</span>{' '}
      <span className="muted">(at 95%: |z| ≥ 1.96{c.significant ? '' : '; the difference may be chance'})</span>
    </p>
  );
}
