// kept demo: fills a workspace with a believable company to try Kept on: departments, staff
// who can sign in, customers and months of their stories as events. Running it again adds
// nothing twice: existing departments and staff are kept, events carry stable idempotency keys.
import { maxEventsPerBatch } from '../../contract/events.ts';
import type { Config } from '../../server/config.ts';
import { systemClock, type Clock } from '../../server/domain/clock.ts';
import { demoAdminEmail, demoDepartments, demoEvents, demoStaff } from '../../server/domain/demo-data.ts';
import { createDepartment, listDepartments, setMembership } from '../../server/domain/departments.ts';
import { KeptError } from '../../server/domain/errors.ts';
import { recordEvents } from '../../server/domain/events.ts';
import { newSecret } from '../../server/domain/secrets.ts';
import { createUser, defaultWorkspaceSlug, ensureWorkspace } from '../../server/domain/staff.ts';
import type { Db } from '../../server/storage/database.ts';
import { parseFlags, UsageError, withDatabase, type Command } from '../context.ts';

export const demo: Command = {
  name: 'demo',
  summary: 'Load a demo company: departments, staff, customers and months of events',
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
  return { departments, staff, password, customers: o.customers, events: { ...loaded, first: times[0], last: times.at(-1) } };
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
    '',
    ...staffLines,
    `Start Kept with \`kept start\` and open http://${host}:${config.port}`,
  ].join('\n');
}
