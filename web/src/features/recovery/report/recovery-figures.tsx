// The figures of the recovery report, the way the dashboard's score cards show scores: the
// figure, its 95 % interval on a bar and in words, n, and "Not enough data" under 30. Every number
// is a link that opens the cases behind it (the page shows them in a dialog).
import type { ReactNode } from 'react';
import { formatCount } from '../../dashboard/scores.ts';
import { CasesLink, Fact, type LinkTo, type Report } from './figure-parts.tsx';
import { ParadoxSection } from './paradox-section.tsx';
import { ParadoxBySeverity } from './paradox-severity.tsx';
import { DurationCard, RestitutionCard, ShareCard } from './recovery-cards.tsx';

export function RecoveryFigures({ r, link, overTime }: { r: Report; link: LinkTo; overTime?: ReactNode }) {
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
          inWords="were recovered within 24 hours of the oops"
        />
        <ShareCard
          title="Within the target"
          meaning="recovered by each case’s due time (your target, business hours included)"
          share={r.withinTarget}
          links={{ within: link('recovered_within_target'), missed: link('missed_target'), pending: link('pending_target') }}
          pendingHint="before their due time"
          inWords="were recovered by their due time"
        />
      </section>
      <section aria-label="Time and cost" className="score-grid">
        <DurationCard title="Time to apology" what="the apology" d={r.timeToApology} to={link('apologised')} />
        <DurationCard title="Time to fix" what="the fix" d={r.timeToFix} to={link('fixed')} />
        <RestitutionCard r={r.restitution} link={link} />
      </section>
      {overTime}
      <h2 className="subsection-title">The service-recovery paradox</h2>
      <p className="section-description">
        Do recovered customers end up more loyal than customers who never had a problem? Each recovered case’s follow-up answer against the
        customer’s last answer before the oops, and against the answers of customers without a case in this period.
      </p>
      {kinds.map((p) => (
        <ParadoxSection key={p.kind} p={p} link={link} />
      ))}
      <ParadoxBySeverity rows={r.paradoxBySeverity} />
    </>
  );
}
