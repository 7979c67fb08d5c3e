// The returned equipment (seed 004), in the demo: Rosa cancelled her monitoring plan at the end
// of a billing cycle with nothing owed, sent the hub back and the carrier delivered it to the
// warehouse (demo-cast.ts has those events). Billing's systems do not know yet: their nightly
// run posts an "equipment not received, you will be charged" notice and a new invoice through
// the outbox. The guard holds both, each with its reason in words, and gives the warehouse a task.
import type { OutboxMessage } from '../../contract/outbox.ts';
import { daysAgoAt, type DemoCast } from './cast.ts';
import { clockAt, type DemoDeps } from './timeline.ts';
import { postMessage } from '../domain/one-voice/outbox.ts';

const sign = '\n\nBrightline Home billing';
const dateOf = (t: number) => new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthOf = (t: number) => new Date(t).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Billing's messages to Rosa, each through the outbox at the time billing sent it; answers them as the outbox decided. */
export async function postBillingMessages(d: DemoDeps, seed: number, cast: DemoCast): Promise<OutboxMessage[]> {
  const rosa = cast.returning;
  const cycleEnd = daysAgoAt(d.now, 10, 23 + 59 / 60);
  const nightly = daysAgoAt(d.now, 1, 2);
  const messages = [
    {
      at: daysAgoAt(d.now, 9, 1),
      kind: 'cancellation_confirmation',
      subject: 'Your Brightline monitoring has ended',
      text:
        `Dear ${rosa.name},\n\nYour Monitoring Plus subscription ended on ${dateOf(cycleEnd)}, at the end of your billing cycle. ` +
        'Nothing is owed.\n\nPlease send the Brightline Hub 2 back with the return kit within 30 days.' +
        sign,
    },
    {
      at: nightly,
      kind: 'equipment_not_received',
      subject: 'We have not received your Brightline Hub 2: you will be charged EUR 149.00',
      text:
        `Dear ${rosa.name},\n\nOur records show that the Brightline Hub 2 from your cancelled Monitoring Plus subscription ` +
        'has not been returned. If we do not receive it within 7 days, we will charge EUR 149.00 to your account.' +
        sign,
    },
    {
      at: nightly + 60_000,
      kind: 'invoice',
      subject: `Your Brightline invoice for ${monthOf(nightly)}`,
      text:
        `Dear ${rosa.name},\n\nInvoice INV-${new Date(nightly).getUTCFullYear()}-581034 for Monitoring Plus: EUR 12.99, due in 14 days.` +
        sign,
    },
  ];
  const out: OutboxMessage[] = [];
  for (const m of messages) {
    if (m.at > d.now) continue;
    out.push(
      await postMessage(d.db, clockAt(m.at), d.workspaceId, {
        customer: { externalId: rosa.externalId },
        kind: m.kind,
        source: 'billing',
        subject: m.subject,
        text: m.text,
        idempotencyKey: `demo:${seed}:${rosa.key}:${m.kind}`,
      }),
    );
  }
  return out;
}
