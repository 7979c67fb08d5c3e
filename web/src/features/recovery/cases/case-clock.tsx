// A case's clock: a bar from the oops to the target with marks where the owner is reminded
// (50 %) and the managers are told (80 %), filled as time passes; past the target it is red.
// The words beside it say the same, so the bar is never the only cue.
import { clockWords, readClock, stageName, stageTone, type ClockReading } from '../recovery.ts';
import type { Case } from '../../../shared/types.ts';
import { When } from '../../../shared/tip/when.tsx';

export function ClockBar({ reading, large = false }: { reading: ClockReading; large?: boolean }) {
  const tone = stageTone[reading.stage];
  const fill = Math.min(1, Math.max(0, reading.elapsed));
  return (
    <span className={`clock-bar clock-${tone}${large ? ' clock-bar-large' : ''}`} aria-hidden="true">
      <span className="clock-fill" style={{ width: `${fill * 100}%` }} />
      <span className="clock-mark" style={{ left: `${reading.remindMark * 100}%` }} />
      <span className="clock-mark clock-mark-strong" style={{ left: `${reading.escalateMark * 100}%` }} />
    </span>
  );
}

/** The clock as one row of the inbox shows it: time left (or overdue), its bar, and the stage. */
export function ClockCell({ c, now }: { c: Case; now: number }) {
  const reading = readClock(c, now);
  const tone = stageTone[reading.stage];
  return (
    <span className="clock-cell">
      <span className={`clock-text clock-text-${tone}`}>
        <When at={c.dueAt} lead="Target">
          {clockWords(c, reading)}
        </When>
      </span>
      <ClockBar reading={reading} />
      <span className="clock-stage">{stageName[reading.stage]}</span>
    </span>
  );
}

/** The clock as the case page shows it: large, with each point of the target and when it falls. */
export function ClockPanel({ c, now }: { c: Case; now: number }) {
  const reading = readClock(c, now);
  const tone = stageTone[reading.stage];
  const points: { label: string; at: string; plan: string; done: string }[] = [
    { label: '50 %', at: c.remindAt, plan: 'the owner is reminded', done: c.remindedAt ? 'the owner was reminded' : '' },
    {
      label: '80 %',
      at: c.escalateAt,
      plan: 'the department’s managers are told',
      done: c.escalatedAt ? 'escalated to the department’s managers' : '',
    },
    { label: '100 %', at: c.dueAt, plan: 'the target; the case is breached after it', done: c.breachedAt ? 'breached' : '' },
  ];
  return (
    <section className={`card clock-panel clock-panel-${tone}`} aria-labelledby="clock-heading">
      <div className="clock-panel-head">
        <div>
          <h2 id="clock-heading" className="clock-panel-title">
            {clockWords(c, reading)}
          </h2>
          <p className="clock-panel-stage">
            <span className={`status-dot clock-dot-${tone}`} aria-hidden="true" />
            {stageName[reading.stage]}
          </p>
        </div>
        <p className="clock-panel-start">
          The clock started at the oops, <When at={c.oopsAt} show="dateTime" />
          , not when the case was opened (
          <When at={c.openedAt} show="dateTime" />
          ).
        </p>
      </div>
      <ClockBar reading={reading} large />
      {reading.stoppedAt && (
        <p className="clock-panel-stop">
          The clock stopped <When at={reading.stoppedAt} show="dateTime" />
          {c.recoveredAt ? ', when acknowledge, apologise and fix were all done or skipped.' : ', when the case was closed.'}
        </p>
      )}
      <ol className="clock-points">
        {points.map((p) => (
          <li key={p.label} className={p.done ? 'is-done' : undefined}>
            <span className="clock-point-label">{p.label}</span> <When at={p.at} show="dateTime" />
            <span className="muted"> · {p.done || p.plan}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
