// The signals worker: every second it sends the survey invitations that fell due (triggers,
// samples), the reminders, settles the score links fetched from mails (docs/score-links.md), closes the tasks whose awaited event arrived, and sends the queued mail. Each step claims its rows with SKIP LOCKED, so
// several instances can run it on one database; the work done is proportional to what is due.
import type { Logger } from 'pino';
import { dispatchDueInvitations, sendDueReminders } from '../domain/signals/invitation-sending.ts';
import type { SignalDeps } from '../domain/signals/signal-settings.ts';
import { settleScoreLinkFetches } from '../domain/signals/score-links.ts';
import { closeResolvedTasks } from '../domain/one-voice/tasks.ts';
import { drainDueMails } from '../domain/one-voice/mail-delivery.ts';
import type { MailTransport } from '../domain/one-voice/mail-transport.ts';

export interface SignalJobDeps extends SignalDeps {
  log: Logger;
  /** SMTP, or the preview (server/adapters/). */
  transport: MailTransport;
  mailFrom: string;
}

const batch = 100;

/** One pass over everything due; returns what it did. Tests call this directly with a manual clock. */
export async function runSignalJobs(d: SignalJobDeps) {
  let sent = 0;
  let suppressed = 0;
  for (;;) {
    const r = await dispatchDueInvitations(d, batch);
    sent += r.sent;
    suppressed += r.suppressed;
    if (r.sent + r.suppressed < batch) break;
  }
  let reminders = 0;
  for (let n = batch; n === batch; reminders += n) n = await sendDueReminders(d, batch);
  const scoreLinks = { counted: 0, scanner: 0, unconfirmed: 0, superseded: 0, refused: 0 };
  for (let n = batch; n === batch;) {
    const r = await settleScoreLinkFetches(d, batch);
    for (const k of Object.keys(scoreLinks) as (keyof typeof scoreLinks)[]) scoreLinks[k] += r[k];
    n = Object.values(r).reduce((a, b) => a + b, 0);
  }
  const tasksResolved = await closeResolvedTasks(d.db, d.clock);
  const mail = await drainDueMails({ db: d.db, clock: d.clock, log: d.log, transport: d.transport, mailFrom: d.mailFrom }, batch);
  return { invitations: { sent, suppressed }, reminders, scoreLinks, tasksResolved, mail };
}

export function startSignalJobs(d: SignalJobDeps, everyMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = runSignalJobs(d)
      .then((r) => {
        if (
          r.invitations.sent +
            r.invitations.suppressed +
            r.reminders +
            Object.values(r.scoreLinks).reduce((a, b) => a + b, 0) +
            r.tasksResolved +
            r.mail.sent +
            r.mail.preview +
            r.mail.failed +
            r.mail.retrying +
            r.mail.unknown >
          0
        ) {
          d.log.info(r, 'signals worker');
        }
      })
      .catch((err) => d.log.warn({ err }, 'signals worker failed; will retry'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, everyMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
