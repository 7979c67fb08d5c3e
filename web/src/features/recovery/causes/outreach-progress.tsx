// An outreach's progress: a bar of customers processed out of the total, and the counts of
// cases opened, open cases joined, customers skipped (linked already) and apologies sent.
import { plural } from '../../../shared/format.ts';
import type { Outreach } from '../../../shared/types.ts';
import { When } from '../../../shared/tip/when.tsx';

export function OutreachProgress({ outreach: o }: { outreach: Outreach }) {
  const share = o.total > 0 ? o.processed / o.total : o.status === 'running' ? 0 : 1;
  const label =
    o.status === 'running' ? 'Contacting customers' : o.status === 'done' ? 'Everyone was contacted' : 'The outreach stopped with an error';
  return (
    <div className={`outreach outreach-${o.status}`}>
      <p className="outreach-title">
        <strong>{label}</strong>{' '}
        <span className="muted">
          · started <When at={o.startedAt} show="dateTime" />
          {o.finishedAt && (
            <>
              , finished <When at={o.finishedAt} show="dateTime" />
            </>
          )}
        </span>
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label="Customers processed"
        aria-valuemin={0}
        aria-valuemax={o.total}
        aria-valuenow={o.processed}
        aria-valuetext={`${o.processed} of ${o.total} customers processed`}
      >
        <span className="progress-fill" style={{ width: `${Math.min(1, share) * 100}%` }} />
      </div>
      <dl className="outreach-counts">
        <div>
          <dt>Processed</dt>
          <dd>
            {o.processed} of {o.total}
          </dd>
        </div>
        <div>
          <dt>Cases opened</dt>
          <dd>{o.opened}</dd>
        </div>
        <div>
          <dt>Joined open cases</dt>
          <dd>{o.joined}</dd>
        </div>
        <div>
          <dt>Skipped (already linked)</dt>
          <dd>{o.skipped}</dd>
        </div>
        <div>
          <dt>Apologies sent</dt>
          <dd>{o.apologised}</dd>
        </div>
      </dl>
      <p className="visually-hidden" role="status">
        {o.status === 'done'
          ? `Outreach done: ${plural(o.apologised, 'apology', 'apologies')} sent, ${plural(o.opened, 'case')} opened`
          : ''}
      </p>
      {o.error && (
        <p className="field-error" role="alert">
          {o.error}
        </p>
      )}
    </div>
  );
}
