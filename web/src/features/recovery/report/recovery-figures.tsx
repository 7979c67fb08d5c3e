// The figures of the recovery report, the way the dashboard's score cards show scores: the
// figure, its 95 % interval on a bar and in words, n, and "Not enough data" under 30. Every number
// is a link that opens the cases behind it (the page shows them in a dialog).
import type { ReactNode } from 'react';
import type { RecoveryBucket, RecoveryReport } from '../../../../../contract/recovery-report.ts';
import { Link } from '../../../shared/router.tsx';
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
import type { SurveyKind } from '../../../shared/types.ts';
import { formatHours } from './recovery-cases.tsx';
import { IntervalBar } from '../../dashboard/score-card.tsx';

type Report = RecoveryReport;
/** IntervalBar draws a 0-100 % axis for the share kinds; a share of cases uses the same axis. */
const percentAxis: SurveyKind = 'csat';

export type LinkTo = (bucket: RecoveryBucket, extra?: { kind?: SurveyKind; currency?: string }) => string;

/** A number that opens the cases behind it; 0 is plain text. */
function CasesLink({ n, to, what, children }: { n: number; to: string; what: string; children?: ReactNode }) {
  if (n === 0) return <>{children ?? '0'}</>;
  return (
    <Link to={to} className="drill">
      {children ?? formatCount(n)}
      <span className="visually-hidden"> — show the {what}</span>
    </Link>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function NotEnough({ n, what }: { n: number; what: string }) {
  return (
    <>
      <p className="score-figure score-missing">Not enough data</p>
      <p className="score-meaning">
        n &lt; {minAnswers}: {n === 0 ? `no ${what}` : `only ${formatCount(n)} ${what}`}. A figure needs at least {minAnswers}, so none is
        shown.
      </p>
    </>
  );
}

export function RecoveryFigures({ r, link }: { r: Report; link: LinkTo }) {
  const c = r.cases;
  const kinds = r.paradox.filter((p) => p.kind === 'nps' || p.followUp.n + p.withoutCase.n + p.paired.n > 0);
  return (
    <>
      <section aria-label="Cases and recovery" className="score-grid">
        <section className="card score-card" aria-labelledby="cases-title">
          <header className="score-card-head">
            <h2 id="cases-title" className="score-card-title">
              Cases
            </h2>
            <span className="muted">by the moment of the oops</span>
          </header>
          <p className="score-figure">
            <CasesLink n={c.opened.n} to={link('opened')} what="cases opened">
              {formatCount(c.opened.n)}
            </CasesLink>
          </p>
          <p className="score-meaning">cases opened in this period</p>
          <dl className="score-facts">
            <Fact label="Recovered">
              <CasesLink n={c.recovered.n} to={link('recovered')} what="recovered cases" />
            </Fact>
            <Fact label="Closed">
              <CasesLink n={c.closed.n} to={link('closed')} what="closed cases" />
            </Fact>
            <Fact label="Still open">
              <CasesLink n={c.open.n} to={link('open')} what="open cases" />
            </Fact>
            <Fact label="Breached the clock">
              <CasesLink n={c.breached.n} to={link('breached')} what="breached cases" />
            </Fact>
          </dl>
        </section>
        <ShareCard
          title="Within 24 hours"
          meaning="recovered within 24 hours of the oops (wall-clock time)"
          share={r.within24h}
          links={{ within: link('recovered_within_24h'), missed: link('missed_24h'), pending: link('pending') }}
          pendingHint="still within their 24 hours"
        />
        <ShareCard
          title="Within the target"
          meaning="recovered by each case’s due time (your target, business hours included)"
          share={r.withinTarget}
          links={{ within: link('recovered_within_target'), missed: link('missed_target'), pending: link('pending_target') }}
          pendingHint="before their due time"
        />
      </section>
      <section aria-label="Time and cost" className="score-grid">
        <DurationCard title="Time to apology" what="the apology" d={r.timeToApology} to={link('apologised')} />
        <DurationCard title="Time to fix" what="the fix" d={r.timeToFix} to={link('fixed')} />
        <RestitutionCard r={r.restitution} link={link} />
      </section>
      <h2 className="subsection-title">The service-recovery paradox</h2>
      <p className="section-description">
        Do recovered customers end up more loyal than customers who never had a problem? Each recovered case’s follow-up answer against the
        customer’s last answer before the oops, and against the answers of customers without a case in this period.
      </p>
      {kinds.map((p) => (
        <ParadoxSection key={p.kind} p={p} link={link} />
      ))}
    </>
  );
}

function ShareCard({
  title,
  meaning,
  share: s,
  links,
  pendingHint,
}: {
  title: string;
  meaning: string;
  share: Report['within24h'];
  links: { within: string; missed: string; pending: string };
  pendingHint: string;
}) {
  return (
    <section className="card score-card" aria-label={title}>
      <header className="score-card-head">
        <h2 className="score-card-title">{title}</h2>
      </header>
      {s.enoughData && s.value !== null && s.interval ? (
        <>
          <p className="score-figure">
            <CasesLink n={s.within} to={links.within} what={`${formatCount(s.within)} cases recovered in time`}>
              {formatFigure(percentAxis, s.value)}
            </CasesLink>
          </p>
          <p className="score-meaning">{meaning}</p>
          <IntervalBar kind={percentAxis} value={s.value} interval={s.interval} />
          <p className="score-interval">{intervalWords(percentAxis, s.interval)} (Wilson)</p>
        </>
      ) : (
        <NotEnough n={s.n} what="cases with a known outcome" />
      )}
      <dl className="score-facts">
        <Fact label="In time">
          <CasesLink n={s.within} to={links.within} what="cases recovered in time" />
        </Fact>
        <Fact label="Missed">
          <CasesLink n={s.missed} to={links.missed} what="cases that missed" />
        </Fact>
        <Fact label="Known outcome (n)">{formatCount(s.n)}</Fact>
        <Fact label={`Pending, ${pendingHint}`}>
          <CasesLink n={s.pending} to={links.pending} what="pending cases" />
        </Fact>
      </dl>
      <p className="score-meaning">Pending cases may still make it, so they are not counted as missed.</p>
    </section>
  );
}

function DurationCard({ title, what, d, to }: { title: string; what: string; d: Report['timeToApology']; to: string }) {
  return (
    <section className="card score-card" aria-label={title}>
      <header className="score-card-head">
        <h2 className="score-card-title">{title}</h2>
        <span className="muted">from the oops</span>
      </header>
      {d.enoughData && d.medianHours !== null && d.p90Hours !== null ? (
        <>
          <p className="score-figure">
            <CasesLink n={d.n} to={to} what={`${formatCount(d.n)} cases with ${what}`}>
              {formatHours(d.medianHours)}
            </CasesLink>
          </p>
          <p className="score-meaning">median: half the cases got {what} sooner</p>
          <p className="score-interval">90% of them within {formatHours(d.p90Hours)}</p>
        </>
      ) : (
        <NotEnough n={d.n} what={`cases with ${what}`} />
      )}
      <dl className="score-facts">
        <Fact label="Cases (n)">
          <CasesLink n={d.n} to={to} what={`cases with ${what}`} />
        </Fact>
      </dl>
    </section>
  );
}

const money = (amount: number, currency: string) => amount.toLocaleString(undefined, { style: 'currency', currency });

function RestitutionCard({ r, link }: { r: Report['restitution']; link: LinkTo }) {
  return (
    <section className="card score-card" aria-label="Restitution">
      <header className="score-card-head">
        <h2 className="score-card-title">Restitution</h2>
        <span className="muted">what making it right cost</span>
      </header>
      <p className="score-figure">
        <CasesLink n={r.count} to={link('restitution')} what="cases with a restitution">
          {formatCount(r.count)}
        </CasesLink>
      </p>
      <p className="score-meaning">restitutions with a cost; currencies are never converted</p>
      {r.currencies.length > 0 && (
        <div className="table-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col">Count</th>
                <th scope="col">Total</th>
                <th scope="col">Mean (95% interval)</th>
              </tr>
            </thead>
            <tbody>
              {r.currencies.map((c) => (
                <tr key={c.currency}>
                  <th scope="row">{c.currency}</th>
                  <td>
                    <CasesLink n={c.count} to={link('restitution', { currency: c.currency })} what={`restitutions in ${c.currency}`} />
                  </td>
                  <td>{money(c.total, c.currency)}</td>
                  <td>
                    {c.mean ? (
                      `${money(c.mean.value, c.currency)} (${money(c.mean.interval.low, c.currency)} to ${money(c.mean.interval.high, c.currency)})`
                    ) : (
                      <span className="muted">Not enough data (n &lt; {minAnswers})</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const signedMean = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatMean(Math.abs(v))}`;
const formatP = (p: number) => (p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`);

function ParadoxSection({ p, link }: { p: Report['paradox'][number]; link: LinkTo }) {
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
