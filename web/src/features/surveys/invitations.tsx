// A survey's invitations, newest first: who, how they were chosen, and whether each was sent.
import { MailIcon } from '../../shared/icons.tsx';
import { EmptyState, PagedStates } from '../../shared/states.tsx';
import { customerName } from '../../shared/customer-name.ts';
import { type PagedList } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import type { Invitation } from '../../shared/types.ts';
import { channelText, originText, suppressedText } from './survey-sending.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';
import { HandPickedPill } from '../../shared/hand-picked.tsx';

export function InvitationList({ invitations }: { invitations: PagedList<Invitation> }) {
  const stale = invitations.status === 'loading' && invitations.items.length > 0;
  return (
    <PagedStates
      list={invitations}
      loading="Loading invitations…"
      empty={
        <EmptyState icon={<MailIcon />} title="No invitations yet">
          <p>Invitations appear here as triggers fire, samples are drawn, someone invites a customer by hand or the widget asks.</p>
        </EmptyState>
      }
    >
      <DataTable columns={['Customer', 'How', 'Status', 'Answered']} className="table table-compact" stale={stale}>
        {invitations.items.map((inv) => {
          return (
            <tr key={inv.id}>
              <td>
                <Link to={`/customers/${inv.customerId}`}>{customerName(inv.customer)}</Link>
              </td>
              <td>
                <span className="nowrap">
                  {originText[inv.origin]} · {channelText[inv.channel]}
                </span>
                {inv.handPicked && <HandPickedPill />}
              </td>
              <td>
                <InvitationStatus invitation={inv} />
              </td>
              <td>{inv.answeredAt ? <When at={inv.answeredAt} /> : <span className="muted">Not yet</span>}</td>
            </tr>
          );
        })}
      </DataTable>
    </PagedStates>
  );
}

function InvitationStatus({ invitation: inv }: { invitation: Invitation }) {
  if (inv.status === 'suppressed') {
    return (
      <span className="status">
        <span className="status-dot status-dot-muted" aria-hidden="true" />
        Not sent: {inv.suppressedReason ? suppressedText[inv.suppressedReason] : 'suppressed'}
      </span>
    );
  }
  if (inv.status === 'scheduled') {
    return (
      <span className="status">
        <span className="status-dot status-dot-wait" aria-hidden="true" />
        Scheduled for <When at={inv.sendAt} show="dateTime" />
      </span>
    );
  }
  return (
    <span className="status">
      <span className="status-dot status-dot-ok" aria-hidden="true" />
      Sent {inv.sentAt && <When at={inv.sentAt} />}
      {inv.remindedAt && <span className="muted"> · reminded</span>}
    </span>
  );
}
