// The service-recovery paradox, per kind: recovered customers' follow-up answers against their
// answers before the oops, and against customers without a case.
import {
  formatCount,
  formatDifference,
  formatFigure,
  formatMean,
  formatZ,
  intervalWords,
  kindLongName,
  kindTitle,
  minAnswers,
} from '../../dashboard/scores.ts';
import { IntervalBar } from '../../dashboard/score-card.tsx';
import { formatP, signedMean } from './figure-format.ts';
import { differenceSentence } from './plain-words.ts';
import { CasesLink, type LinkTo, NotEnough, type Report } from './figure-parts.tsx';

export function ParadoxSection({ p, link }: { p: Report['paradox'][number]; link: LinkTo }) {
  const kind = p.kind;
  const k = kindTitle[kind];
  const c = p.comparison;
  return (
    <section className="card dashboard-section" aria-labelledby={`paradox-${kind}`}>
      <div className="section-head">
        <h2 id={`paradox-${kind}`}>
          {k} <span className="muted">{kindLongName[kind]}</span>
        </h2>
      </div>
      <div className="score-grid">
        <section className="score-card" aria-label={`${k} before and after recovery`}>
          <h3 className="score-card-title">Before and after, the same customers</h3>
          {p.paired.enoughData && p.paired.change && p.paired.before && p.paired.after ? (
            <>
              <p className="compare-figure">
                <CasesLink n={p.paired.n} to={link('follow_up_paired', { kind })} what={`${p.paired.n} paired cases`}>
                  {signedMean(p.paired.change.value)}
                </CasesLink>
              </p>
              <p className="score-meaning">mean change of the score, follow-up minus before the oops</p>
              <p className="score-interval">
                95% interval {signedMean(p.paired.change.interval.low)} to {signedMean(p.paired.change.interval.high)} (paired t) ·{' '}
                {formatP(p.paired.change.p)}
              </p>
              <p className="score-interval">
                Mean before {formatMean(p.paired.before.value)}, after {formatMean(p.paired.after.value)}
              </p>
              <p className="plain-words">
                {differenceSentence(
                  p.paired.change.value,
                  p.paired.change.significant,
                  'After recovery these customers score higher than before',
                  'After recovery these customers score lower than before',
                )}
              </p>
            </>
          ) : (
            <NotEnough n={p.paired.n} what="customers with a score before and after" />
          )}
          <p className="muted">
            n = <CasesLink n={p.paired.n} to={link('follow_up_paired', { kind })} what="paired cases" />
          </p>
        </section>
        <GroupScore
          title="Follow-up answers"
          meaning="recovered cases’ follow-up answers"
          s={p.followUp}
          link={link('follow_up', { kind })}
        />
        <GroupScore title="Customers without a case" meaning="their answers in this period" s={p.withoutCase} />
      </div>
      {!c.enoughData || c.difference === null || c.z === null || c.p === null ? (
        <p className="verdict verdict-none">
          <strong>Follow-up − without a case:</strong> not enough data: each group needs at least {minAnswers} answers.
        </p>
      ) : (
        <p className={c.significant ? 'verdict verdict-significant' : 'verdict'}>
          <strong>Follow-up − without a case:</strong> {formatDifference(kind, c.difference)} · z = {formatZ(c.z)} · {formatP(c.p)} ·{' '}
          <span className="verdict-word">{c.significant ? 'Significant' : 'Not significant'}</span>{' '}
          <span className="muted">(at 95%: |z| ≥ 1.96{c.significant ? '' : '; the difference may be chance'})</span>
          <span className="plain-words">
            {differenceSentence(
              c.difference,
              c.significant === true,
              'Recovered customers score higher than customers who never had a problem',
              'Recovered customers score lower than customers who never had a problem',
            )}
          </span>
        </p>
      )}
    </section>
  );
}

function GroupScore({
  title,
  meaning,
  s,
  link,
}: {
  title: string;
  meaning: string;
  s: Report['paradox'][number]['followUp'];
  link?: string;
}) {
  const n = link ? <CasesLink n={s.n} to={link} what={`${title.toLowerCase()}`} /> : formatCount(s.n);
  return (
    <section className="score-card" aria-label={`${kindTitle[s.kind]}: ${title}`}>
      <h3 className="score-card-title">{title}</h3>
      {s.enoughData && s.value !== null && s.interval ? (
        <>
          <p className="compare-figure">
            {link ? (
              <CasesLink n={s.n} to={link} what={title.toLowerCase()}>
                {formatFigure(s.kind, s.value)}
              </CasesLink>
            ) : (
              formatFigure(s.kind, s.value)
            )}
          </p>
          <p className="score-meaning">{meaning}</p>
          <IntervalBar kind={s.kind} value={s.value} interval={s.interval} compact />
          <p className="score-interval">{intervalWords(s.kind, s.interval)}</p>
        </>
      ) : (
        <NotEnough n={s.n} what="answers" />
      )}
      <p className="muted">n = {n}</p>
    </section>
  );
}
