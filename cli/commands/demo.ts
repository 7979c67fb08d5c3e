// kept demo: fills a workspace with a believable company to try Kept on: departments, staff
// who can sign in, customers and months of their stories as events. Running it again adds
// nothing twice: existing departments and staff are kept, events carry stable idempotency keys.
import { maxEventsPerBatch, type EventInput } from '../../contract/events.ts';
import type { Config } from '../../server/config.ts';
import { systemClock, type Clock } from '../../server/domain/clock.ts';
import { demoAdminEmail, demoDepartments, demoEvents, demoStaff } from '../../server/domain/demo-data.ts';
import { importResponses } from '../../server/domain/answers.ts';
import { demoAnswers, demoSurveys } from '../../server/domain/demo-answers.ts';
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
  summary: 'Load a demo company: departments, staff, customers, months of events and survey answers',
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
    const { loaded, config } = await withDatabase(io, async ({ db }, config) => ({
      loaded: await loadDemo(db, systemClock, options),
      config,
    }));
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
  customers: number;
  events: { stored: number; duplicates: number; first?: string; last?: string };
  answers: { surveysCreated: number; stored: number; duplicates: number };
}

export async function loadDemo(
  db: Db,
  clock: Clock,
  o: { workspace: string; customers: number; months: number; seed: number },
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

  const events = demoEvents({ seed: o.seed, customers: o.customers, months: o.months, now: clock.now() });
  const loaded = { stored: 0, duplicates: 0 };
  for (let i = 0; i < events.length; i += maxEventsPerBatch) {
    for (const r of await recordEvents(db, clock, ws.id, events.slice(i, i + maxEventsPerBatch))) {
      if (r.duplicate) loaded.duplicates++;
      else loaded.stored++;
    }
  }
  const times = events.map((e) => e.occurredAt).sort();
  const answers = await loadDemoAnswers(db, clock, ws.id, byKey, events, o.seed);
  return { departments, staff, password, customers: o.customers, events: { ...loaded, first: times[0], last: times.at(-1) }, answers };
}

/** The demo's surveys (made once, found by name after) and the answers its customers gave. */
async function loadDemoAnswers(
  db: Db,
  clock: Clock,
  workspaceId: string,
  departments: Map<string, { id: string }>,
  events: EventInput[],
  seed: number,
): Promise<DemoLoaded['answers']> {
  const existing = new Map((await listSurveys(db, workspaceId, false)).map((s) => [s.name, s]));
  const ids = {} as Record<'nps' | 'csat' | 'ces', string>;
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
    ids[d.kind] = survey.id;
  }
  const deps = { db, clock, settings: createSettingsCache(db, clock), publicUrl: '' };
  const answers = demoAnswers(events, seed, clock.now(), ids);
  const loaded = { surveysCreated: created, stored: 0, duplicates: 0 };
  for (let i = 0; i < answers.length; i += 1000) {
    const r = await importResponses(deps, workspaceId, answers.slice(i, i + 1000));
    loaded.stored += r.stored;
    loaded.duplicates += r.duplicates;
  }
  return loaded;
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
    `  customers    ${l.customers}`,
    `  events       ${l.events.stored} stored, ${l.events.duplicates} already there${span}`,
    `  surveys      ${l.answers.surveysCreated} created (delivery CSAT, relationship NPS, support CES)`,
    `  answers      ${l.answers.stored} stored, ${l.answers.duplicates} already there`,
    '',
    ...staffLines,
    `Start Kept with \`kept start\` and open http://${host}:${config.port}`,
  ].join('\n');
}
