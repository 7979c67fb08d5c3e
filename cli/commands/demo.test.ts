import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInputSchema } from '../../contract/events.ts';
import { systemClock } from '../../server/domain/clock.ts';
import { demoCustomers, demoDepartments, demoEvents, demoStaff } from '../../server/domain/demo-data.ts';
import { listDepartments } from '../../server/domain/departments.ts';
import { signIn, workspaceBySlug } from '../../server/domain/staff.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { cliAgainst } from '../../test/cli.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const kept = cliAgainst(() => t.url);

const count = async (table: 'customers' | 'events' | 'users', workspaceId: string) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('kept demo', () => {
  it('loads departments, staff who can sign in, customers and their events, and adds nothing on a second run', async () => {
    const before = Date.now();
    const first = await kept('demo', '--workspace', 'demo-a', '--customers', '12', '--months', '2', '--seed', '7');
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

    expect(await count('customers', ws.id)).toBe(12);
    const events = await t.db
      .selectFrom('events')
      .select(['source', 'occurred_at', 'idempotency_key'])
      .where('workspace_id', '=', ws.id)
      .where('source', '!=', 'kept') // the answers' own timeline events are counted with the answers
      .execute();
    expect(events.length).toBeGreaterThan(12 * 3);
    expect(first.out).toContain(`events       ${events.length} stored, 0 already there`);
    expect(events.every((e) => e.occurred_at.getTime() <= Date.now())).toBe(true);
    expect(events.some((e) => e.occurred_at.getTime() < before - 30 * 24 * 3600_000)).toBe(true);
    expect(events.every((e) => departments.some((d) => d.key === e.source))).toBe(true);
    expect(events.every((e) => e.idempotency_key?.startsWith('demo:7:'))).toBe(true);

    // Survey answers that follow from the stories: three surveys, answers on the customers' timelines.
    expect(first.out).toContain('surveys      3 created');
    const answers = Number(
      (
        await t.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', ws.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(answers).toBeGreaterThan(0);
    expect(first.out).toContain(`answers      ${answers} stored, 0 already there`);
    const answerEvents = (await count('events', ws.id)) - events.length;
    expect(answerEvents).toBe(answers);

    const again = await kept('demo', '--workspace', 'demo-a', '--customers', '12', '--months', '2', '--seed', '7');
    expect(again.code).toBe(0);
    expect(again.out).toContain('departments  0 created, 6 already there');
    expect(again.out).toContain(`staff        0 created, ${demoStaff.length} already there`);
    expect(again.out).toContain(`events       0 stored, ${events.length} already there`);
    expect(again.out).toContain('password printed when it was created');
    expect(again.out).toContain('surveys      0 created');
    expect(again.out).toContain(`answers      0 stored, ${answers} already there`);
    expect(await count('events', ws.id)).toBe(events.length + answers);
    expect(await count('customers', ws.id)).toBe(12);
    expect(await count('users', ws.id)).toBe(demoStaff.length);
  });

  it('refuses bad numbers with usage and exit 2', async () => {
    for (const argv of [['--customers', '0'], ['--months', 'many'], ['--seed', '-1'], ['--workspace', 'Not A Slug'], ['extra']]) {
      const r = await kept('demo', ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
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
      'equipment.delivered',
    ]) {
      expect(types, t).toContain(t);
    }
    expect(events.some((e) => e.type === 'order.placed' && e.data.batch === 'B-42' && typeof e.data.product === 'string')).toBe(true);
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
