// The cases behind a figure of the recovery report: a modal <dialog> over the page, opened by a
// link (the URL carries `cases=<bucket>`, so the list can be reloaded and shared), newest oops
// first with "Load more". Each case links to its own page. Escape or Close goes back to the report.
import { useEffect, useId, useRef } from 'react';
import type { RecoveryBucket, RecoveryReportCase } from '../../../../../contract/recovery-report.ts';
import { api } from '../../../shared/api.ts';
import { customerName } from '../../../shared/customer-name.ts';
import { plural } from '../../../shared/format.ts';
import { usePaged } from '../../../shared/hooks.ts';
import { Link } from '../../../shared/router.tsx';
import { formatCount, kindTitle } from '../../dashboard/scores.ts';
import type { Page } from '../../../shared/types.ts';
import { ScoreChip } from '../../dashboard/drill-down.tsx';
import { EmptyState, PagedStates } from '../../../shared/states.tsx';
import { formatHours } from './figure-format.ts';
import { When } from '../../../shared/tip/when.tsx';

export const bucketTitle: Record<RecoveryBucket, string> = {
  opened: 'Cases opened',
  recovered: 'Cases recovered',
  closed: 'Cases closed',
  open: 'Cases still open',
  breached: 'Cases that breached their clock',
  recovered_within_24h: 'Recovered within 24 hours',
  missed_24h: 'Not recovered within 24 hours',
  pending: 'Pending: not recovered yet, within their 24 hours',
  recovered_within_target: 'Recovered within the target',
  missed_target: 'Not recovered within the target',
  pending_target: 'Pending: not recovered yet, before their due time',
  apologised: 'Cases with an apology',
  fixed: 'Cases with a fix',
  restitution: 'Cases with a restitution',
  follow_up: 'Recovered cases with a follow-up answer',
  follow_up_paired: 'Follow-up answers with a score from before the oops',
};

export function CasesDialog({
  title,
  description,
  url,
  count,
  onClose,
}: {
  title: string;
  description: string;
  /** GET /api/v1/reports/recovery/cases with the figure's filters; undefined: closed */
  url?: string;
  count?: number;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = dialog.current;
    if (url && d && !d.open) d.showModal();
    if (!url && d?.open) d.close();
  }, [url]);

  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} onClose={onClose}>
      {url && (
        <>
          <div className="dialog-head">
            <div>
              <h2 id={`${id}-title`} className="dialog-title">
                {title}
              </h2>
              <p id={`${id}-desc`} className="muted">
                {description}
                {count !== undefined && ` · ${plural(count, 'case')}`}
              </p>
            </div>
            <button type="button" className="button button-ghost button-small" onClick={() => dialog.current?.close()} autoFocus>
              Close
            </button>
          </div>
          <CaseList key={url} url={url} />
        </>
      )}
    </dialog>
  );
}

function CaseList({ url }: { url: string }) {
  const list = usePaged<RecoveryReportCase>(url, (cursor, signal) =>
    api<Page<RecoveryReportCase>>(url, { query: { limit: 25, cursor }, signal }),
  );
  return (
    <div className="answers">
      <PagedStates
        list={list}
        loading="Loading cases…"
        empty={
          <EmptyState title="No cases">
            <p>No case of this period is behind this figure.</p>
          </EmptyState>
        }
        moreLabel="Load more cases"
      >
        <ol className="answer-list" aria-label="Cases, newest oops first">
          {list.items.map((c) => (
            <CaseItem key={c.id} c={c} />
          ))}
        </ol>
      </PagedStates>
      <p className="visually-hidden" role="status">
        {list.status === 'ready' && `${formatCount(list.items.length)}${list.nextCursor ? ' or more' : ''} cases shown`}
      </p>
    </div>
  );
}

function CaseItem({ c }: { c: RecoveryReportCase }) {
  const facts = [
    c.hoursToApology !== null && `apology after ${formatHours(c.hoursToApology)}`,
    c.hoursToFix !== null && `fixed after ${formatHours(c.hoursToFix)}`,
    c.restitution &&
      `restitution ${c.restitution.amount.toLocaleString(undefined, { minimumFractionDigits: 2 })} ${c.restitution.currency}`,
  ].filter(Boolean);
  return (
    <li className="answer">
      <div className="answer-head">
        <div className="answer-who">
          <Link to={`/cases/${c.id}`} className="answer-name">
            #{c.number} {c.title}
          </Link>
          <span className="muted">
            {customerName(c.customer)} · oops <When at={c.oopsAt} show="dateTime" /> · {c.origin}
          </span>
        </div>
        <span className={c.status === 'open' ? 'pill' : 'pill pill-muted'}>{c.status === 'open' ? 'Open' : 'Closed'}</span>
      </div>
      <p className="muted">
        {c.hoursToRecovery !== null ? `Recovered after ${formatHours(c.hoursToRecovery)}` : 'Not recovered yet'}
        {c.breachedAt && ' · breached its clock'}
        {facts.length > 0 && ` · ${facts.join(' · ')}`}
      </p>
      {c.followUp && (
        <p className="muted">
          Follow-up {kindTitle[c.followUp.kind]}: <ScoreChip kind={c.followUp.kind} score={c.followUp.score} />
          {c.followUp.scoreBefore !== null && (
            <>
              {' '}
              (before the oops: <ScoreChip kind={c.followUp.kind} score={c.followUp.scoreBefore} />)
            </>
          )}
        </p>
      )}
    </li>
  );
}
