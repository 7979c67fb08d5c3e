// The recovery report's cards: a share of cases within a time, a duration, and restitution.
import { formatCount, formatFigure, intervalWords, minAnswers } from '../../dashboard/scores.ts';
import { IntervalBar } from '../../dashboard/score-card.tsx';
import { formatHours, money } from './figure-format.ts';
import { CasesLink, Fact, type LinkTo, NotEnough, type Report, percentAxis } from './figure-parts.tsx';
import { shareSentence } from './plain-words.ts';

export function ShareCard({
  title,
  meaning,
  share: s,
  links,
  pendingHint,
  inWords,
}: {
  title: string;
  meaning: string;
  /** what the share counts, finishing "… of the cases with a known outcome (78%) …" */
  inWords: string;
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
          <p className="plain-words">{shareSentence({ value: s.value, interval: s.interval, n: s.n }, inWords)}</p>
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

export function DurationCard({ title, what, d, to }: { title: string; what: string; d: Report['timeToApology']; to: string }) {
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
export function RestitutionCard({ r, link }: { r: Report['restitution']; link: LinkTo }) {
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
      {r.currencies.map((c) => (
        <div key={c.currency} className="cost-currency">
          <dl className="score-facts">
            <Fact label={`In ${c.currency}`}>
              <CasesLink n={c.count} to={link('restitution', { currency: c.currency })} what={`restitutions in ${c.currency}`} />
            </Fact>
            <Fact label="Total">{money(c.total, c.currency)}</Fact>
          </dl>
          <p className="plain-words">
            {c.mean
              ? `On average ${money(c.mean.value, c.currency)} a case; the true mean is probably between ${money(c.mean.interval.low, c.currency)} and ${money(c.mean.interval.high, c.currency)} (95% interval).`
              : `No mean from fewer than ${minAnswers} restitutions.`}
          </p>
        </div>
      ))}
    </section>
  );
}
