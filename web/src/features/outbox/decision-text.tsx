// A decision in the guard's own words ("Held by “…”: shipment.delivered from carrier on …"), with
// its "(event …)" reference turned into a link to that event on the customer's timeline.
import { eventHref, splitAtEvent } from './outbox.ts';
import { Link } from '../../shared/router.tsx';

export function DecisionText({ text, customerId, eventId = null }: { text: string; customerId: string; eventId?: string | null }) {
  const parts = splitAtEvent(text, eventId);
  if (!parts) return <>{text}</>;
  return (
    <>
      {parts.before} (<Link to={eventHref(customerId, parts.eventId)}>see the event on the timeline</Link>){parts.after}
    </>
  );
}
