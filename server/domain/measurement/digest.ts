// The weekly digest for managers: last week's scores with their intervals and change, recovery
// within 24 hours, breaches, promises kept, the rules causing most friction, the themes customers
// talked about most, and what they praised. Plain text first (it reads in any mail client), with
// the same content as simple HTML. Mailed on Mondays from SEND_HOUR UTC, once per person and week.
import type { Clock } from '../core/clock.ts';
import type { Db } from '../core/db.ts';
import { invalidInput } from '../core/errors.ts';
import { scoreReport } from '../signals/metrics.ts';
import { recoveryReport } from '../recovery/recovery-report.ts';
import { commitmentStats } from '../promises/commitment-ledger.ts';
import { frictionRanking } from '../learning/ranking.ts';
import { themeReport } from './themes.ts';
import * as subs from '../../storage/digest-subscriptions.ts';
import { mostPositiveTexts } from '../../storage/text-insights.ts';
import { companyVoice } from '../core/company-profile.ts';
import { escapeHtml } from '../one-voice/mails.ts';
import { enqueueStaffMails } from '../../storage/case-escalations.ts';

/** Digests go out on Monday from this hour (UTC), for the week that ended at Monday 00:00. */
export const SEND_HOUR_UTC = 7;
const DAY = 86_400_000;

export interface Digest {
  week: string;
  subject: string;
  text: string;
  html: string;
}

/** The Monday 00:00 UTC that starts the week holding `at`. */
export function mondayOf(at: Date): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const signed = (v: number) => (v > 0 ? `+${v}` : `${v}`);
const e = escapeHtml;
const kindNames = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/** Parses `week` (any day of it, YYYY-MM-DD) or takes the last complete week before now. */
export function digestWeek(clock: Clock, week?: string): Date {
  if (week === undefined) return new Date(mondayOf(clock.now()).getTime() - 7 * DAY);
  const at = new Date(`${week}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week) || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== week)
    throw invalidInput('Not a date', [{ path: ['week'], message: 'a day of the week, YYYY-MM-DD' }]);
  return mondayOf(at);
}

export async function composeDigest(
  db: Db,
  clock: Clock,
  workspaceId: string,
  workspaceName: string,
  monday: Date,
  publicUrl: string,
): Promise<Digest> {
  const from = monday;
  const to = new Date(monday.getTime() + 7 * DAY);
  const before = new Date(monday.getTime() - 7 * DAY);
  const [scores, previous, recovery, promises, ranking, themes, praise] = await Promise.all([
    scoreReport(db, clock, workspaceId, { from: day(from), to: day(to), includeHandPicked: false }),
    scoreReport(db, clock, workspaceId, { from: day(before), to: day(from), includeHandPicked: false }),
    recoveryReport(db, clock, workspaceId, { from: from.toISOString(), to: to.toISOString() }),
    commitmentStats({ db, clock: { now: () => to } }, workspaceId, 7),
    frictionRanking(db, workspaceId, { from: from.toISOString(), to: to.toISOString() }),
    themeReport(db, clock, workspaceId, { from: from.toISOString(), to: to.toISOString() }),
    mostPositiveTexts(db, workspaceId, from, to, 3),
  ]);
  const sections: { title: string; lines: string[] }[] = [];

  const scoreLines = scores.kinds
    .filter((k) => k.everyone.n > 0)
    .map((k) => {
      const s = k.everyone;
      const p = previous.kinds.find((x) => x.kind === k.kind)?.everyone;
      if (s.value === null || !s.interval) return `${kindNames[k.kind]}: ${s.n} answers, too few for a score (30 needed)`;
      const change = p?.value != null ? `, ${signed(Math.round(s.value - p.value))} on the week before` : '';
      return `${kindNames[k.kind]}: ${Math.round(s.value)} (95 % interval ${Math.round(s.interval.low)} to ${Math.round(s.interval.high)}), n = ${s.n}${change}`;
    });
  sections.push({ title: 'Scores', lines: scoreLines.length ? scoreLines : ['No answers this week.'] });

  const w = recovery.within24h;
  sections.push({
    title: 'Recovery',
    lines: [
      `${recovery.cases.opened.n} cases opened; ${w.n ? `${w.within} of ${w.n} recovered within 24 hours (${Math.round((100 * w.within) / w.n)} %)` : 'none decided yet'}` +
        (w.pending ? `, ${w.pending} still under way` : ''),
      `${recovery.cases.breached.n} breached the target.`,
    ],
  });

  const t = promises.total;
  sections.push({
    title: 'Promises',
    lines: [
      t.n === 0
        ? 'No promise fell due.'
        : `${t.keptOnTime + t.keptAfterRenegotiation} of ${t.n} promises due were kept (${t.keptOnTime} on time), ${t.broken} broken` +
          (t.keptOnTimeRate
            ? `; kept on time ${Math.round(t.keptOnTimeRate.value)} % (${Math.round(t.keptOnTimeRate.low)}–${Math.round(t.keptOnTimeRate.high)})`
            : ''),
    ],
  });

  const rules = ranking.items.filter((r) => r.friction > 0).slice(0, 3);
  sections.push({
    title: 'Rules causing friction',
    lines: rules.length
      ? rules.map((r) => `${r.name}: ${r.friction} (${signed(r.trend)} on the week before)`)
      : ['No friction tagged to a rule.'],
  });

  const top = themes.items
    .filter((x) => x.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, 3);
  sections.push({
    title: 'What customers talked about',
    lines: top.length
      ? top.map((x) => `${x.name}: ${x.mentions} texts (${x.previousMentions} the week before)`)
      : ['No theme was mentioned.'],
  });
  sections.push({
    title: 'What customers praised',
    lines: praise.length ? praise.map((p) => `“${p.text.trim()}”`) : ['No praise in words this week.'],
  });

  const week = day(from);
  const subject = `${workspaceName}: your week in customer experience, ${week}`;
  const intro = `The week from ${week} to ${day(new Date(to.getTime() - DAY))}.`;
  const link = `${publicUrl}/dashboard`;
  const text = `${intro}\n\n${sections.map((s) => `${s.title.toUpperCase()}\n${s.lines.map((l) => `- ${l}`).join('\n')}`).join('\n\n')}\n\nThe figures behind each line: ${link}\nStop these mails under Settings, Weekly digest.\n`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#1f2937;">
<p>${e(intro)}</p>
${sections.map((s) => `<h2 style="font-size:16px;margin:18px 0 6px;">${e(s.title)}</h2>\n<ul>${s.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`).join('\n')}
<p><a href="${e(link)}">The figures behind each line</a>. Stop these mails under Settings, Weekly digest.</p>
</body></html>
`;
  return { week, subject, text, html };
}

/**
 * Mails last week's digest to every subscriber who has not had it, if it is Monday SEND_HOUR_UTC or
 * later; each person once per week, even with several instances running. Answers how many were queued.
 */
export async function sendDueDigests(db: Db, clock: Clock, publicUrl: string): Promise<number> {
  const now = clock.now();
  const thisMonday = mondayOf(now);
  if (now.getTime() < thisMonday.getTime() + SEND_HOUR_UTC * 3_600_000) return 0;
  const monday = new Date(thisMonday.getTime() - 7 * DAY);
  const week = day(monday);
  let sent = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (tx) => {
      const due = await subs.lockDueDigests(tx, week, 20);
      for (const d of due) {
        // Composed on the pool, not the transaction: the reports open transactions of their own.
        const digest = await composeDigest(db, clock, d.workspaceId, await workspaceNameOf(db, d.workspaceId), monday, publicUrl);
        await enqueueStaffMails(
          tx,
          [
            {
              workspaceId: d.workspaceId,
              kind: 'weekly_digest',
              to: d.email,
              subject: digest.subject,
              html: digest.html,
              text: digest.text,
            },
          ],
          now,
        );
        await subs.markSent(tx, d.workspaceId, d.userId, week);
      }
      return due.length;
    });
    sent += batch;
    if (batch < 20) return sent;
  }
}

export async function digestSubscription(db: Db, workspaceId: string, userId: string) {
  return { subscribed: await subs.isSubscribed(db, workspaceId, userId) };
}

export async function setDigestSubscription(db: Db, clock: Clock, workspaceId: string, userId: string, subscribed: boolean) {
  if (subscribed) await subs.subscribe(db, workspaceId, userId, clock.now());
  else await subs.unsubscribe(db, workspaceId, userId);
  return { subscribed };
}

/** The name the digest speaks of: the company's, from its profile. */
export const workspaceNameOf = async (db: Db, workspaceId: string) => (await companyVoice(db, workspaceId)).companyName;
