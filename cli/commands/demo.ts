// kept demo: fills a workspace with a believable company to try Kept on: departments, staff
// who can sign in, customers and months of their stories as events and survey answers, and the
// product's stories already under way (domain/demo-stories.ts): the recovery cases the low
// answers opened, worked within the day or late, the henna jar with its cause and outreach, and
// billing's messages the outbox held. Running it again adds nothing twice: existing departments
// and staff are kept, events and answers carry stable idempotency keys, oopses dedupe keys.
import { maxEventsPerBatch, type EventInput } from '../../contract/events.ts';
import type { Survey } from '../../contract/surveys.ts';
import type { Config } from '../../server/config.ts';
import { systemClock, type Clock } from '../../server/domain/clock.ts';
import { castEvents, demoCast } from '../../server/domain/demo-cast.ts';
import { demoAdminEmail, demoDepartments, demoEvents, demoStaff } from '../../server/domain/demo-data.ts';
import { importResponses } from '../../server/domain/answers.ts';
import { demoAnswers, demoSurveys } from '../../server/domain/demo-answers.ts';
import type { Candidate, LowAnswer } from '../../server/domain/demo-recovery.ts';
import { hennaCauseTitle } from '../../server/domain/demo-henna.ts';
import { loadDemoStories, type StoriesLoaded } from '../../server/domain/demo-stories.ts';
import { getRecoverySettings } from '../../server/domain/recovery-settings.ts';
import { createDepartment, listDepartments, setMembership } from '../../server/domain/departments.ts';
import { KeptError } from '../../server/domain/errors.ts';
import { recordEvents } from '../../server/domain/events.ts';
import { newSecret } from '../../server/domain/secrets.ts';
import { createSettingsCache } from '../../server/domain/signal-settings.ts';
import { addTrigger, createSurvey, listSurveys } from '../../server/domain/surveys.ts';
import { createUser, defaultWorkspaceSlug, ensureWorkspace } from '../../server/domain/staff.ts';
import type { Db } from '../../server/storage/database.ts';
import { parseFlags, UsageError, withDatabase, type Command } from '../context.ts';

export const demo: Command = {
  name: 'demo',
  summary: 'Load a demo company: departments, staff, customers, months of events and answers, and recovery cases under way',
  usage: 'kept demo [--workspace SLUG] [--customers N] [--months N] [--seed N]',
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      workspace: { type: 'string', default: defaultWorkspaceSlug },
      customers: { type: 'string', default: '300' },
      months: { type: 'string', default: '4' },
      seed: { type: 'string', default: '42' },
    });
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.workspace))
      throw new UsageError('--workspace must be lowercase letters, digits and dashes');
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
  },
};

function wholeNumber(v: string, flag: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

export interface DemoLoaded {
  departments: { created: number; existing: number };
  staff: { created: string[]; existing: string[] };
  /** The one password of the staff created now; only shown once. */
  password: string;
  customers: { demo: number; stories: number };
  events: { stored: number; duplicates: number; first?: string; last?: string };
  answers: { surveysCreated: number; stored: number; duplicates: number };
  stories: StoriesLoaded;
}

export async function loadDemo(
  db: Db,
  clock: Clock,
  o: { workspace: string; customers: number; months: number; seed: number; publicUrl: string },
): Promise<DemoLoaded> {
  const ws = await ensureWorkspace(db, o.workspace, o.workspace === defaultWorkspaceSlug ? undefined : 'Brightline Home (demo)');
  const byKey = new Map((await listDepartments(db, ws.id)).map((d) => [d.key, d]));
  const departments = { created: 0, existing: 0 };
  for (const d of demoDepartments) {
    if (byKey.has(d.key)) departments.existing++;
    else {
      byKey.set(d.key, await createDepartment(db, clock, ws.id, d));
      departments.created++;
    }
  }

  const password = newSecret(12);
  const staff = { created: [] as string[], existing: [] as string[] };
  for (const person of demoStaff) {
    try {
      const user = await createUser(db, clock, ws.id, { ...person, password });
      for (const key of person.departments) await setMembership(db, clock, ws.id, byKey.get(key)!.id, user.id, true);
      staff.created.push(person.email);
    } catch (err) {
      if (!(err instanceof KeptError && err.code === 'conflict')) throw err;
      staff.existing.push(person.email);
    }
  }

  const now = clock.now();
  const events = demoEvents({ seed: o.seed, customers: o.customers, months: o.months, now });
  const all = [...events, ...castEvents(o.seed, now)];
  const loaded = { stored: 0, duplicates: 0 };
  for (let i = 0; i < all.length; i += maxEventsPerBatch) {
    for (const r of await recordEvents(db, clock, ws.id, all.slice(i, i + maxEventsPerBatch))) {
      if (r.duplicate) loaded.duplicates++;
      else loaded.stored++;
    }
  }
  const times = all.map((e) => e.occurredAt).sort();
  const settings = createSettingsCache(db, clock);
  const answers = await loadDemoAnswers(db, clock, settings, ws.id, byKey, events, o.seed);
  const stories = await loadDemoStories(db, settings, o.publicUrl, {
    seed: o.seed,
    now,
    workspaceId: ws.id,
    departments: byKey,
    followUpSurvey: answers.surveys.nps,
    lowAnswers: answers.low,
    candidates: candidates(events, answers.low),
  });
  const cast = demoCast(o.seed);
  return {
    departments,
    staff,
    password,
    customers: { demo: o.customers, stories: cast.buyers.length + 1 },
    events: { ...loaded, first: times[0], last: times.at(-1) },
    answers: answers.loaded,
    stories,
  };
}

/** The demo's customers in order, with their event types, marked when a low answer gives them a case already. */
function candidates(events: EventInput[], low: { externalId: string }[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const e of events) {
    const id = e.customer.externalId!;
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { externalId: id, types: new Set(), taken: false }));
    c.types.add(e.type);
  }
  for (const a of low) {
    const c = byId.get(a.externalId);
    if (c) c.taken = true;
  }
  return [...byId.values()];
}

/** The demo's surveys (made once, found by name after), the answers its customers gave, and the low ones among them. */
async function loadDemoAnswers(
  db: Db,
  clock: Clock,
  settings: ReturnType<typeof createSettingsCache>,
  workspaceId: string,
  departments: Map<string, { id: string }>,
  events: EventInput[],
  seed: number,
): Promise<{
  loaded: DemoLoaded['answers'];
  surveys: Record<'nps' | 'csat' | 'ces', Survey>;
  low: (LowAnswer & { externalId: string })[];
}> {
  const existing = new Map((await listSurveys(db, workspaceId, false)).map((s) => [s.name, s]));
  const surveys = {} as Record<'nps' | 'csat' | 'ces', Survey>;
  let created = 0;
  for (const d of demoSurveys) {
    let survey = existing.get(d.input.name);
    if (!survey) {
      survey = await createSurvey(db, clock, workspaceId, {
        ...d.input,
        departmentId: d.department ? departments.get(d.department)?.id : undefined,
      });
      if (d.trigger) await addTrigger(db, clock, workspaceId, survey.id, d.trigger);
      created++;
    }
    surveys[d.kind] = survey;
  }
  const deps = { db, clock, settings, publicUrl: '' };
  const ids = { nps: surveys.nps.id, csat: surveys.csat.id, ces: surveys.ces.id };
  const answers = demoAnswers(events, seed, clock.now(), ids);
  const max = (await getRecoverySettings(db, workspaceId, clock.now())).thresholds;
  const loaded = { surveysCreated: created, stored: 0, duplicates: 0 };
  const low: (LowAnswer & { externalId: string })[] = [];
  for (let i = 0; i < answers.length; i += 1000) {
    const batch = answers.slice(i, i + 1000);
    const r = await importResponses(deps, workspaceId, batch);
    loaded.stored += r.stored;
    loaded.duplicates += r.duplicates;
    for (const x of r.results) {
      const a = batch[x.index]!;
      const survey = Object.values(surveys).find((s) => s.id === a.surveyId)!;
      if (a.score > max[survey.kind]) continue;
      low.push({
        key: a.idempotencyKey!,
        responseId: x.id,
        customerId: x.customerId,
        externalId: a.customer.externalId!,
        survey,
        score: a.score,
        reason: a.reason ?? null,
        at: Date.parse(a.answeredAt),
      });
    }
  }
  return { loaded, surveys, low };
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
    '',
    ...staffLines,
    `Start Kept with \`kept start\` and open http://${host}:${config.port}`,
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
    `  one voice    ${s.held.messages} messages from billing to ${s.held.customer} held by the outbox, with a task for the warehouse`,
  ];
}
