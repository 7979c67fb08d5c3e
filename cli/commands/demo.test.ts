import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInputSchema } from '../../contract/events.ts';
import type { Survey } from '../../contract/surveys.ts';
import { getCase, listCases } from '../../server/domain/recovery/case-list.ts';
import { getCause, listCauses } from '../../server/domain/recovery/causes.ts';
import { listOutreach } from '../../server/domain/recovery/cause-outreach.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { listComplaints } from '../../server/domain/recovery/complaints.ts';
import { castEvents, demoCast } from '../../server/demo/cast.ts';
import { demoDepartments, demoStaff } from '../../server/demo/company.ts';
import { demoCustomers, demoEvents } from '../../server/demo/data.ts';
import { demoAnswers } from '../../server/demo/answers.ts';
import { answerCasePlans, type LowAnswer } from '../../server/demo/recovery.ts';
import type { CasePlan, DemoDeps } from '../../server/demo/timeline.ts';
import { listDepartments } from '../../server/domain/core/departments.ts';
import { listMessages } from '../../server/domain/one-voice/outbox-views.ts';
import { listTasks } from '../../server/domain/one-voice/tasks.ts';
import { createUser, ensureWorkspace, listUsers, sessionOwner, signIn, workspaceBySlug } from '../../server/domain/core/staff.ts';
import { getCompanyProfile } from '../../server/domain/core/company-profile.ts';
import { demoCompanyProfile } from '../../server/demo/load.ts';
import { growthReport } from '../../server/domain/measurement/growth.ts';
import { basicRates } from '../../server/domain/measurement/basics.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { cliAgainst } from '../../test/cli.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const kept = cliAgainst(() => t.url);

const count = async (table: (typeof tables)[number] | 'users', workspaceId: string) =>
  Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE workspace_id = ${workspaceId}`.execute(t.db)).rows[0]!.n,
  );

const tables = [
  'customers',
  'events',
  'responses',
  'invitations',
  'cases',
  'oopses',
  'restitution_offers',
  'case_steps',
  'case_messages',
  'complaints',
  'causes',
  'cause_outreach',
  'outbox_messages',
  'tasks',
  'mails',
  'kudos',
  'hand_offs',
  'obsession_answers',
] as const;
const countAll = async (workspaceId: string) => {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await count(table, workspaceId);
  return counts;
};

describe('kept demo', () => {
  // Enough customers for low answers of every kind: cases recovered within the day and after their breach.
  const customers = 40;
  it('loads departments, staff who can sign in, customers, their events and answers, the stories, and adds nothing on a second run', async () => {
    const before = Date.now();
    const first = await kept('demo', '--workspace', 'demo-a', '--customers', String(customers), '--months', '3', '--seed', '7');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const ws = await workspaceBySlug(t.db, 'demo-a');

    const departments = await listDepartments(t.db, ws.id);
    expect(departments.map((d) => d.key).sort()).toEqual(demoDepartments.map((d) => d.key).sort());
    expect(new Set(departments.map((d) => d.colour)).size).toBe(departments.length);
    expect(departments.find((d) => d.key === 'support')!.memberIds.length).toBeGreaterThan(0);

    expect(await count('users', ws.id)).toBe(demoStaff.length);
    const password = /with the password: (\S+)/.exec(first.out)?.[1];
    expect(password, first.out).toBeDefined();
    const session = await signIn(t.db, systemClock, 12, { email: 'demo@kept.local', password: password!, workspace: 'demo-a' });
    expect(session.workspaceId).toBe(ws.id);
    expect(first.out).toContain('http://127.0.0.1:4180');

    const cast = demoCast(7);
    // + Lena and Omar of the score-link story (demo/score-links.ts), + the two customers who praise Tom and Lina (demo/people.ts).
    expect(await count('customers', ws.id)).toBe(customers + cast.buyers.length + 1 + 2 + 2);
    // The events the demo sent, as other systems would (Kept's own, from answers and cases, have other keys).
    const events = await t.db
      .selectFrom('events')
      .select(['source', 'occurred_at', 'idempotency_key'])
      .where('workspace_id', '=', ws.id)
      .where('idempotency_key', 'like', 'demo:7:%')
      .execute();
    expect(events.length).toBeGreaterThan(customers * 3);
    expect(first.out).toContain(`events       ${events.length} stored, 0 already there`);
    expect(events.every((e) => e.occurred_at.getTime() <= Date.now())).toBe(true);
    expect(events.some((e) => e.occurred_at.getTime() < before - 30 * 24 * 3600_000)).toBe(true);
    expect(events.every((e) => departments.some((d) => d.key === e.source))).toBe(true);

    // Survey answers that follow from the stories: three surveys, answers on the customers' timelines.
    expect(first.out).toContain('surveys      3 created');
    const imported = Number(
      (
        await t.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', ws.id)
          .where('source', '=', 'demo')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(imported).toBeGreaterThan(0);
    expect(first.out).toContain(`answers      ${imported} stored, 0 already there`);

    // The henna jar: the cause, its outreach run to the end, and the complaint's case linked to it.
    const cause = (await listCauses(t.db, ws.id, { limit: 50 })).items.find((c) => c.title === 'Batch B-42 filled with henna')!;
    expect(cause).toBeDefined();
    expect((await getCause(t.db, ws.id, cause.id)).affectedCustomers).toBe(cast.buyers.filter((b) => b.batch === 'B-42').length);
    expect(await listOutreach(t.db, ws.id, cause.id)).toMatchObject([{ status: 'done', opened: 4, skipped: 1, apologised: 4 }]);
    const complaints = (await listComplaints(t.db, ws.id, { limit: 50 })).items;
    expect(complaints).toHaveLength(1);
    const henna = await getCase(t.db, ws.id, complaints[0]!.caseId!);
    expect(henna).toMatchObject({ origin: 'complaint', causeId: cause.id, status: 'closed', customer: { name: cast.complainant.name } });
    expect(Date.parse(henna.recoveredAt!) - Date.parse(henna.oopsAt)).toBeLessThan(24 * 3600_000);
    // The customer chooses the restitution: one of the batch's other customers chose, another's offer is waiting.
    const offers = await sql<{
      status: string;
    }>`SELECT status FROM restitution_offers WHERE workspace_id = ${ws.id} ORDER BY status`.execute(t.db);
    expect(offers.rows.map((r) => r.status)).toEqual(['chosen', 'open']);

    // The returned equipment: billing's notice and invoice held with their reasons, a task for the warehouse.
    const rosa = await t.db
      .selectFrom('customers')
      .select('id')
      .where('workspace_id', '=', ws.id)
      .where('external_id', '=', cast.returning.externalId)
      .executeTakeFirstOrThrow();
    const held = (await listMessages(t.db, ws.id, { status: 'held', customerId: rosa.id, limit: 50 })).items;
    expect(held.map((m) => m.kind).sort()).toEqual(['equipment_not_received', 'invoice']);
    expect(held.find((m) => m.kind === 'equipment_not_received')!.decision).toContain('shipment delivered, from logistics');
    expect(held.find((m) => m.kind === 'invoice')!.decision).toContain('service cancelled, from billing');
    const warehouse = departments.find((d) => d.key === 'warehouse')!;
    const tasks = (await listTasks(t.db, ws.id, { status: 'open', departmentId: warehouse.id, customerId: rosa.id, limit: 50 })).items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.title).toContain(cast.returning.name);
    expect(first.out).toMatch(
      /one voice +2 messages from billing to Rosa Martens held by the outbox, with tasks for (warehouse and billing|billing and warehouse)/,
    );

    // Score links: Lena's click in the survey mail is her answer (9); Omar's mail scanner fetched all eleven links, and nothing counts.
    const clicked = await sql<{ external_id: string; score: number | null; states: string[] }>`
      SELECT c.external_id, r.score, array_agg(DISTINCT f.state) AS states FROM customers c
      JOIN invitations i ON i.workspace_id = c.workspace_id AND i.customer_id = c.id
      JOIN score_link_fetches f ON f.workspace_id = i.workspace_id AND f.invitation_id = i.id
      LEFT JOIN responses r ON r.workspace_id = i.workspace_id AND r.invitation_id = i.id
      WHERE c.workspace_id = ${ws.id} GROUP BY c.external_id, r.score ORDER BY c.external_id`.execute(t.db);
    expect(clicked.rows).toEqual([
      { external_id: 'demo-click-lena', score: 9, states: ['counted'] },
      { external_id: 'demo-click-omar', score: null, states: ['scanner'] },
    ]);

    // The dumb rule under way: the restocking fee with friction, an exception and its review open,
    // its question asked of the customers behind the cases, and one answer.
    expect(first.out).toMatch(
      /dumb rule +"Restocking fee": 3 items tagged, 1 exception\(s\), review due \d{4}-\d{2}-\d{2}, [1-3] customer\(s\) asked, 1 answered/,
    );
    // The people half: two customers' praise and Maya's catch in the feed, hand-offs rated both ways, the obsession score.
    expect(first.out).toMatch(/people +3 kudos in the recognition feed, 37 of 38 hand-offs rated, 5 obsession answers this run/);
    // "You said, we did": one improvement planned with several customers' words, one done and its customers told.
    const said =
      /you said +1 improvement\(s\) planned with (\d+) customers' words, 1 done: (\d+) customers told, (\d+) not told, 0 bounced/.exec(
        first.out,
      );
    expect(said, first.out).not.toBeNull();
    expect(Number(said![1])).toBeGreaterThanOrEqual(2);
    expect(Number(said![2]) + Number(said![3])).toBeGreaterThanOrEqual(2);
    // Promises and their notices: Chloé's kept, Lars's broken by the clock (a case, an apology), Kofi's under way.
    expect(first.out).toMatch(/promises +3 made this run: 1 kept, 1 broken by the clock; 5 notices told their customers/);
    const notices = await sql<{ kind: string; n: number }>`SELECT m.kind, count(*)::int AS n FROM mails m
      WHERE m.workspace_id = ${ws.id} AND m.kind LIKE 'promise_%' GROUP BY m.kind ORDER BY m.kind`.execute(t.db);
    expect(notices.rows).toEqual([
      { kind: 'promise_kept', n: 1 },
      { kind: 'promise_made', n: 3 },
      { kind: 'promise_missed', n: 1 },
    ]);

    // Oops to wow: open cases at every point of their clock, with different owners and departments.
    const open = (await listCases(t.db, ws.id, undefined, { status: 'open', limit: 200 })).items.filter((c) => !c.recoveredAt);
    expect(open.some((c) => !c.remindedAt)).toBe(true);
    expect(open.some((c) => c.remindedAt && !c.escalatedAt)).toBe(true);
    expect(open.some((c) => c.escalatedAt && !c.breachedAt)).toBe(true);
    expect(open.some((c) => c.breachedAt)).toBe(true);
    expect(new Set(open.map((c) => c.ownerId)).size).toBeGreaterThan(2);
    expect(new Set(open.map((c) => c.departmentId)).size).toBeGreaterThan(2);
    expect(first.out).toMatch(/cases +\d+ opened, 0 already there; \d+ open: [1-9]\d* past 50 %, [1-9]\d* past 80 %, [1-9]\d* breached/);
    // And the low answers' cases of the past weeks: most recovered within the day and closed, some only after their breach.
    const closed = (await listCases(t.db, ws.id, undefined, { status: 'closed', limit: 200 })).items;
    const hours = (c: (typeof closed)[number]) => (Date.parse(c.recoveredAt!) - Date.parse(c.oopsAt)) / 3600_000;
    expect(closed.filter((c) => c.origin === 'survey' && hours(c) < 24).length).toBeGreaterThan(0);
    expect(closed.filter((c) => c.origin === 'survey' && c.breachedAt && hours(c) > 24).length).toBeGreaterThan(0);
    expect(first.out).toMatch(/recovery +\d+ of \d+ cases of the last 90 days recovered within 24 hours/);

    // Earned Growth and the basics: EGR for the last quarter in EUR, referred customers among the new, the basic's
    // history read from the deliveries, and the late delivery after it queued as an oops.
    expect(first.out).toMatch(/growth +\d+ sign-ups \(\d+ by referral\).*1 late delivery reported/);
    const growth = await growthReport(t.db, systemClock, ws.id, { granularity: 'quarter', periods: 2 });
    expect(growth.reportingCurrency).toBe('EUR');
    expect(growth.series[0]!.periods.some((p) => p.figures.egr !== null && p.figures.earnedNewCustomers > 0)).toBe(true);
    const rates = await basicRates(t.db, systemClock, ws.id, { granularity: 'month', periods: 3 });
    expect(rates.items[0]!.periods.some((p) => p.broken > 0 && p.kept > p.broken)).toBe(true);
    const oopsJobs = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key LIKE 'oops:basic:%'`.execute(t.db);
    expect(oopsJobs.rows[0]!.n).toBe(1);

    // The demo's mail (apologies, follow-ups, staff reminders) is in the preview, none left for a sender.
    const mails = await t.db.selectFrom('mails').select(['status']).where('workspace_id', '=', ws.id).execute();
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.status === 'preview')).toBe(true);
    expect(first.out).toContain(`mail         ${mails.length} put in the mail preview`);

    // What customers talk about: every text analysed once, the common themes added.
    const analysed = await t.db
      .selectFrom('text_insights')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', ws.id)
      .executeTakeFirstOrThrow();
    expect(Number(analysed.n)).toBeGreaterThan(0);
    expect(first.out).toMatch(
      new RegExp(`themes +${analysed.n} texts analysed for sentiment and themes; 10 common themes added; most mentioned: `),
    );

    const counts = await countAll(ws.id);
    const again = await kept('demo', '--workspace', 'demo-a', '--customers', String(customers), '--months', '3', '--seed', '7');
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(again.out).toContain('departments  0 created, 6 already there');
    expect(again.out).toContain(`staff        0 created, ${demoStaff.length} already there`);
    expect(again.out).toContain(`events       0 stored, ${events.length} already there`);
    expect(again.out).toContain('password printed when it was created');
    expect(again.out).toContain('surveys      0 created');
    expect(again.out).toContain(`answers      0 stored, ${imported} already there`);
    expect(again.out).toMatch(/cases +0 opened, [1-9]\d* already there/);
    expect(again.out).toMatch(/themes +\d+ texts analysed for sentiment and themes; 0 common themes added/);
    expect(again.out).toMatch(
      /dumb rule +"Restocking fee": 3 items tagged, 1 exception\(s\), review due [\d-]+, [1-3] customer\(s\) asked, 1 answered/,
    );
    expect(again.out).toMatch(/people +3 kudos in the recognition feed, 37 of 38 hand-offs rated, 0 obsession answers this run/);
    expect(again.out).toContain(said![0]);
    expect(again.out).toMatch(/promises +0 made this run: 0 kept, 0 broken by the clock; 0 notices/);
    expect(await countAll(ws.id)).toEqual(counts);
    expect(await count('users', ws.id)).toBe(demoStaff.length);
  }, 120_000); // two `kept demo` processes, each loading the whole demo: past 30 s on a busy machine

  it('with the demo loaded, every open case has an owner and the inbox starts with the most overdue case', async () => {
    const ws = await workspaceBySlug(t.db, 'demo-a');
    const open = await t.db
      .selectFrom('cases')
      .select(['id', 'owner_id', 'due_at', 'recovered_at'])
      .where('workspace_id', '=', ws.id)
      .where('status', '=', 'open')
      .execute();
    expect(open.length).toBeGreaterThan(1);
    expect(open.filter((c) => c.owner_id === null)).toEqual([]);
    const inbox = await listCases(t.db, ws.id, undefined, { status: 'open', limit: 50 });
    expect(inbox.counts.unassigned).toBe(0);
    const running = open.filter((c) => c.recovered_at === null).sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
    expect(running[0]!.due_at.getTime()).toBeLessThan(Date.now()); // the demo has an overdue case
    expect(inbox.items[0]!.id).toBe(running[0]!.id);
  });

  it("speaks as Brightline Home: its profile (name, sender, locale, zone) and the name the staff app's header shows", async () => {
    const ws = await workspaceBySlug(t.db, 'demo-a');
    const profile = await getCompanyProfile(t.db, ws.id);
    expect(profile).toMatchObject({ ...demoCompanyProfile, confirmed: false }); // an admin is still asked to check it
    const admin = (await listUsers(t.db, ws.id)).find((u) => u.email === 'demo@kept.local')!;
    // The header reads the session's workspace name: the company's, not the workspace row's ("Brightline Home (demo)" here, "Default" for `kept demo`).
    expect((await sessionOwner(t.db, ws.id, admin.id))!.workspace.name).toBe('Brightline Home');
    const bare = await ensureWorkspace(t.db, 'no-profile-yet');
    const someone = await createUser(t.db, systemClock, bare.id, {
      email: 'a@example.com',
      name: 'A',
      role: 'admin',
      password: 'long enough password',
    });
    expect((await sessionOwner(t.db, bare.id, someone.id))!.workspace.name).toBe('No Profile Yet');
  });

  it('refuses bad numbers with usage and exit 2, naming the flag', async () => {
    for (const [argv, named] of [
      [['--customers', '0'], '--customers must be a whole number from 1 to 100000'],
      [['--customers', '12x'], '--customers must be a whole number from 1 to 100000'],
      [['--months', 'many'], '--months must be a whole number from 1 to 36'],
      [['--seed', '1.5'], '--seed must be a whole number'],
      [['--workspace', 'Not A Slug'], '--workspace must be lowercase letters'],
      [['extra'], 'Usage: kept demo'],
    ] as const) {
      const r = await kept('demo', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(named);
      expect(r.err).toContain('Usage: kept demo');
    }
  });
});

describe('demo data', () => {
  const now = new Date('2026-03-15T10:20:00Z');

  it('tells the same stories for the same seed and other ones for another seed', () => {
    const a = demoEvents({ seed: 1, customers: 20, months: 3, now });
    expect(demoEvents({ seed: 1, customers: 20, months: 3, now })).toEqual(a);
    expect(demoEvents({ seed: 2, customers: 20, months: 3, now })).not.toEqual(a);
    // A customer's story does not depend on how many customers there are.
    expect(demoEvents({ seed: 1, customers: 5, months: 3, now })).toEqual(
      a.filter((e) => demoCustomers(1, 5).some((c) => c.externalId === e.customer.externalId)),
    );
  });

  it('numbers the steps of a story the same when run later, so a second run stores nothing twice', () => {
    const a = demoEvents({ seed: 3, customers: 40, months: 4, now });
    const later = demoEvents({ seed: 3, customers: 40, months: 4, now: new Date(now.getTime() + 7.5 * 3600_000) });
    const typeByKey = new Map(a.map((e) => [e.idempotencyKey, `${e.source} ${e.type} ${e.customer.externalId}`]));
    const shared = later.filter((e) => typeByKey.has(e.idempotencyKey));
    expect(shared.length).toBe(a.length);
    for (const e of shared) expect(`${e.source} ${e.type} ${e.customer.externalId}`).toBe(typeByKey.get(e.idempotencyKey));
  });

  it('makes valid events, none in the future, with unique keys and realistic data', () => {
    const events = demoEvents({ seed: 42, customers: 300, months: 4, now });
    expect(events.every((e) => eventInputSchema.safeParse(e).success)).toBe(true);
    expect(events.every((e) => Date.parse(e.occurredAt) <= now.getTime())).toBe(true);
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'order.placed',
      'order.shipped',
      'order.delivered',
      'invoice.issued',
      'payment.received',
      'ticket.opened',
      'ticket.resolved',
      'service.cancelled',
      'equipment.return_shipped',
      'shipment.delivered',
    ]) {
      expect(types, t).toContain(t);
    }
    expect(events.some((e) => e.type === 'order.placed' && e.data.batch === 'T3-2418' && typeof e.data.product === 'string')).toBe(true);
    expect(events.filter((e) => e.type === 'shipment.delivered').every((e) => e.data.direction === 'return')).toBe(true);
    const returned = events.find((e) => e.type === 'equipment.return_shipped')!;
    expect(returned.data).toMatchObject({ carrier: expect.any(String), trackingNumber: expect.stringMatching(/^[0-9A-Z]{10,18}$/) });
    expect(events.find((e) => e.type === 'payment.received')!.data).toMatchObject({
      amount: expect.stringMatching(/^\d+\.\d\d$/),
      currency: 'EUR',
    });
    const customers = demoCustomers(42, 300);
    expect(new Set(customers.map((c) => c.email)).size).toBe(300);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(300);
  });

  it("tells the story customers' events: conditioner orders by batch, and a plan cancelled whose hub the carrier delivered back", () => {
    const events = castEvents(42, now);
    expect(events.every((e) => eventInputSchema.safeParse(e).success)).toBe(true);
    expect(events.every((e) => Date.parse(e.occurredAt) <= now.getTime())).toBe(true);
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length);
    expect(castEvents(42, now)).toEqual(events);
    const cast = demoCast(42);
    const b42 = new Set(events.filter((e) => e.type === 'order.placed' && e.data.batch === 'B-42').map((e) => e.customer.externalId));
    expect(b42.size).toBe(5);
    expect(b42).toContain(cast.complainant.externalId);
    expect(events.some((e) => e.type === 'order.placed' && e.data.batch === 'B-41')).toBe(true);
    const rosa = events.filter((e) => e.customer.externalId === cast.returning.externalId);
    expect(rosa.map((e) => e.type).slice(-3)).toEqual(['service.cancelled', 'equipment.return_shipped', 'shipment.delivered']);
    expect(rosa.find((e) => e.type === 'service.cancelled')!.data).toMatchObject({ balance: 0 });
    expect(rosa.at(-1)!.data).toMatchObject({ direction: 'return' });
  });

  it('plans a case for each low answer of the default demo, most recovered within 24 hours, enough for the recovery report', () => {
    const events = demoEvents({ seed: 42, customers: 300, months: 4, now });
    const surveys = Object.fromEntries(
      (['nps', 'csat', 'ces'] as const).map((kind) => [kind, { id: kind, kind, name: kind, departmentId: null } as unknown as Survey]),
    );
    const max = { nps: 6, csat: 2, ces: 3 } as Record<string, number>;
    const low: LowAnswer[] = demoAnswers(events, 42, now, { nps: 'nps', csat: 'csat', ces: 'ces' })
      .filter((a) => a.score <= max[a.surveyId]!)
      .map((a) => ({
        key: a.idempotencyKey!,
        responseId: a.idempotencyKey!,
        customerId: a.customer.externalId!,
        survey: surveys[a.surveyId]!,
        score: a.score,
        reason: a.reason ?? null,
        at: Date.parse(a.answeredAt),
      }));
    const d = { now: now.getTime(), workspaceId: 'w', staff: new Map() } as unknown as DemoDeps;
    const settings = {
      targetHours: 24,
      businessHours: null,
      thresholds: { nps: 6, csat: 2, ces: 3 },
      requiredSteps: [],
      defaultDepartmentId: null,
      followUpDays: 3,
    };
    const plans = answerCasePlans(d, { seed: 42, settings, followUpSurveyId: 'nps', departments: new Map() }, low);
    expect(answerCasePlans(d, { seed: 42, settings, followUpSurveyId: 'nps', departments: new Map() }, low)).toHaveLength(plans.length);
    const day = 24 * 3600_000;
    const decided = plans.filter((p) => p.at >= now.getTime() - 90 * day && p.at <= now.getTime() - 3 * day);
    expect(decided.length).toBeGreaterThanOrEqual(30);
    const fixedAt = (p: CasePlan) => p.moves.find((m) => 'step' in m && typeof m.step === 'object' && m.step.step === 'fix')!.at;
    const within = decided.filter((p) => fixedAt(p) - p.at <= day).length / decided.length;
    expect(within).toBeGreaterThan(0.4);
    expect(within).toBeLessThan(0.85);
    expect(decided.filter((p) => p.moves.some((m) => 'answer' in m && m.at <= now.getTime())).length).toBeGreaterThanOrEqual(30);
  });

  it('gives each department a distinct colour that white text can be read on', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const d of demoDepartments) expect(1.05 / (luminance(d.colour) + 0.05), d.key).toBeGreaterThanOrEqual(4.5);
    expect(new Set(demoDepartments.map((d) => d.colour)).size).toBe(demoDepartments.length);
  });
});
