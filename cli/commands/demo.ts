// kept demo: fills a workspace with a believable company to try Kept on (domain/demo-load.ts):
// departments, staff who can sign in, customers and months of their events and survey answers,
// and the product's stories already under way: recovery cases opened by low answers, worked
// within the day or late, the henna jar with its cause and outreach, and billing's messages the
// outbox held. Running it again adds nothing twice. This file turns flags into options and prints.
import type { Config } from '../../server/config.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { demoAdminEmail } from '../../server/demo/company.ts';
import { hennaCauseTitle } from '../../server/demo/henna.ts';
import { loadDemo, type DemoLoaded } from '../../server/demo/load.ts';
import type { StoriesLoaded } from '../../server/demo/stories.ts';
import { KeptError } from '../../server/domain/core/errors.ts';
import { defaultWorkspaceSlug } from '../../server/domain/core/staff.ts';
import { parseFlags, UsageError, withDatabase, type CommandRun } from '../context.ts';

export const demo: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, {
    workspace: { type: 'string', default: defaultWorkspaceSlug },
    customers: { type: 'string', default: '300' },
    months: { type: 'string', default: '4' },
    seed: { type: 'string', default: '42' },
  });
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.workspace)) throw new UsageError('--workspace must be lowercase letters, digits and dashes');
  const options = {
    workspace: values.workspace,
    customers: wholeNumber(values.customers, '--customers', 1, 100_000),
    months: wholeNumber(values.months, '--months', 1, 36),
    seed: wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1),
  };
  const started = performance.now();
  const { loaded, config } = await withDatabase(io, async ({ db, joined }, config) => {
    // The demo replays months of recovery work with the clock at each step's time; a running
    // recovery worker would fire every replayed case's clock at today's time first.
    if (joined) {
      throw new KeptError(
        'conflict',
        'Kept is running on this data directory. Stop it, run `kept demo`, then start Kept again: the demo replays ' +
          'months of recovery work, and a running Kept would fire every replayed case’s clock at today’s time.',
      );
    }
    return { loaded: await loadDemo(db, systemClock, { ...options, publicUrl: config.publicUrl }), config };
  });
  io.out(summary(loaded, config, options.workspace, (performance.now() - started) / 1000));
  return 0;
};

function wholeNumber(v: string, flag: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

function summary(l: DemoLoaded, config: Config, workspace: string, seconds: number): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const staffLines = l.staff.created.includes(demoAdminEmail)
    ? [
        `Sign in as ${demoAdminEmail} with the password: ${l.password}`,
        ...(l.staff.created.length > 1
          ? [`(${l.staff.created.filter((e) => e !== demoAdminEmail).join(', ')} use the same password.)`]
          : []),
      ]
    : [
        `Sign in as ${demoAdminEmail} with the password printed when it was created (it is unchanged).`,
        ...(l.staff.created.length ? [`New staff ${l.staff.created.join(', ')} use the password: ${l.password}`] : []),
      ];
  const span = l.events.first && l.events.last ? ` (${l.events.first.slice(0, 10)} to ${l.events.last.slice(0, 10)})` : '';
  return [
    `Demo workspace "${workspace}" is ready (${seconds.toFixed(1)} s):`,
    `  departments  ${l.departments.created} created, ${l.departments.existing} already there`,
    `  staff        ${l.staff.created.length} created, ${l.staff.existing.length} already there`,
    `  customers    ${l.customers.demo}, and ${l.customers.stories} in the stories`,
    `  events       ${l.events.stored} stored, ${l.events.duplicates} already there${span}`,
    `  surveys      ${l.answers.surveysCreated} created (delivery CSAT, relationship NPS, support CES)`,
    `  answers      ${l.answers.stored} stored, ${l.answers.duplicates} already there`,
    ...storyLines(l.stories),
    `  growth       ${l.growth.signUps} sign-ups (${l.growth.referred} by referral), payments and refunds in the revenue ledger; ` +
      `basic "delivered by the promised date": ${l.growth.basicBrokenNow} late delivery reported (its case opens when Kept starts)`,
    `  mail         ${l.mailPreviewed} put in the mail preview (never sent: the demo's people are made up)`,
    `  themes       ${l.themes.analysed} texts analysed for sentiment and themes; ${l.themes.added} common themes added` +
      (l.themes.top ? `; most mentioned: ${l.themes.top.name} (${l.themes.top.mentions} texts, see /themes)` : ''),
    '',
    ...staffLines,
    `Start Kept with \`kept start\` and open http://${host}:${config.port}`,
    `Export a list with the Export menu beside it (managers), or: kept export answers --workspace ${workspace} --excel`,
  ].join('\n');
}

function storyLines(s: StoriesLoaded): string[] {
  const c = s.cases;
  const r = s.report;
  const h = s.henna;
  const pct = (v: number | null) => (v === null ? '' : ` (${Math.round(v)} %)`);
  return [
    `  cases        ${c.opened} opened, ${c.existing} already there; ${c.open} open: ` +
      `${c.reminded} past 50 %, ${c.escalated} past 80 %, ${c.breached} breached`,
    `  recovery     ${r.within24h} of ${r.decided} cases of the last 90 days recovered within 24 hours${pct(r.share)}; ` +
      `${r.followUps} follow-up answers${r.followUpNps === null ? '' : `, follow-up NPS ${Math.round(r.followUpNps)}`}`,
    `  henna jar    "${hennaCauseTitle}": ${h.affected} customers, ${h.contacted} contacted before they complained` +
      (h.outreach ? ` (outreach ${h.outreach})` : ''),
    `  one voice    ${s.held.messages} messages from billing to ${s.held.customer} held by the outbox, ` +
      `with tasks for ${s.held.taskDepartments.join(' and ') || 'nobody'}`,
    `  dumb rule    "${s.dumbRule.rule ?? 'none'}": ${s.dumbRule.friction} items tagged, ${s.dumbRule.exceptions} exception(s), review due ${s.dumbRule.reviewDue?.slice(0, 10) ?? '-'}, ${s.dumbRule.asked} customer(s) asked, ${s.dumbRule.answered} answered`,
    `  people       ${s.people.kudos} kudos in the recognition feed, ${s.people.rated} of ${s.people.handOffs} hand-offs rated, ` +
      `${s.people.obsessionAnswers} obsession answers this run`,
    `  you said     ${s.improvements.planned} improvement(s) planned with ${s.improvements.plannedCustomers} customers' words, ` +
      `${s.improvements.done} done: ${s.improvements.told} customers told, ${s.improvements.notTold} not told, ${s.improvements.bounced} bounced`,
    `  promises     ${s.promises.made} made this run: ${s.promises.kept} kept, ${s.promises.broken} broken by the clock; ` +
      `${s.promises.told} notices told their customers`,
  ];
}
