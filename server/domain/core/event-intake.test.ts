import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { buildWorkspace, event } from '../../../test/factories.ts';
import type { EventInput } from '../../../contract/events.ts';
import { systemClock } from './clock.ts';
import { createEventIntake } from './event-intake.ts';
import { KeptError } from './errors.ts';

let t: TestDatabase;
let ws: string;
const input = (over: Record<string, unknown>) => event(over) as unknown as EventInput;

beforeAll(async () => {
  t = await createTestDatabase();
  ws = (await buildWorkspace(t.db)).id;
});
afterAll(() => t.drop());

const transactionsSoFar = async () =>
  Number(
    (await sql<{ n: string }>`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`.execute(t.db)).rows[0]!.n,
  );

describe('event intake with group commit', () => {
  it('stores concurrent calls together and answers each with its own results, indexed from 0', async () => {
    const intake = createEventIntake(t.db, systemClock, { maxInFlight: 1 });
    const calls = Array.from({ length: 40 }, (_, i) =>
      intake.record(ws, [
        input({ customer: { externalId: `g-${i}` }, idempotencyKey: `g-${i}` }),
        input({ customer: { externalId: `g-${i}` } }),
      ]),
    );
    const results = await Promise.all(calls);
    results.forEach((r, i) => {
      expect(r.map((x) => x.index)).toEqual([0, 1]);
      expect(r[0]!.event.idempotencyKey).toBe(`g-${i}`);
      expect(r[0]!.event.customerId).toBe(r[1]!.event.customerId);
    });
    const stored = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('idempotency_key', 'like', 'g-%')
      .executeTakeFirst();
    expect(Number(stored!.n)).toBe(40);
  });

  it('uses fewer transactions than calls under concurrency', async () => {
    const intake = createEventIntake(t.db, systemClock, { maxInFlight: 1 });
    const before = await transactionsSoFar();
    await Promise.all(Array.from({ length: 50 }, (_, i) => intake.record(ws, [input({ customer: { externalId: `tx-${i}` } })])));
    // pg_stat counters are updated when a backend reports, so allow the reads themselves some slack.
    const used = (await transactionsSoFar()) - before;
    expect(used).toBeLessThan(25);
  });

  it('marks a repeated key across two concurrent calls as a duplicate of the first', async () => {
    const intake = createEventIntake(t.db, systemClock, { maxInFlight: 1 });
    const [a, b, c] = await Promise.all([
      intake.record(ws, [input({ customer: { externalId: 'warm' } })]),
      intake.record(ws, [input({ customer: { externalId: 'twice' }, idempotencyKey: 'twice' })]),
      intake.record(ws, [input({ customer: { externalId: 'twice' }, idempotencyKey: 'twice' })]),
    ]);
    expect(a![0]!.duplicate).toBe(false);
    expect(b![0]!.duplicate).toBe(false);
    expect(c![0]).toMatchObject({ duplicate: true, event: { id: b![0]!.event.id } });
  });

  it('fails only the call whose data breaks the shared transaction', async () => {
    // A trigger stands in for any failure PostgreSQL raises on one request's data.
    await sql`CREATE FUNCTION explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.data->>'explode' = 'yes' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`.execute(t.db);
    await sql`CREATE TRIGGER explode BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION explode()`.execute(t.db);
    try {
      const intake = createEventIntake(t.db, systemClock, { maxInFlight: 1 });
      const outcomes = await Promise.allSettled([
        intake.record(ws, [input({ customer: { externalId: 'ok-0' } })]),
        intake.record(ws, [input({ customer: { externalId: 'ok-1' } })]),
        intake.record(ws, [input({ customer: { externalId: 'bad' }, data: { explode: 'yes' } })]),
        intake.record(ws, [input({ customer: { externalId: 'ok-2' } })]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const names = await t.db
        .selectFrom('customers')
        .select('external_id')
        .where('external_id', 'in', ['ok-0', 'ok-1', 'ok-2', 'bad'])
        .execute();
      expect(names.map((n) => n.external_id).sort()).toEqual(['ok-0', 'ok-1', 'ok-2']);
    } finally {
      await sql`DROP TRIGGER explode ON events`.execute(t.db);
    }
  });

  it('refuses a NUL character before it reaches the database, naming the event', async () => {
    const intake = createEventIntake(t.db, systemClock);
    const err = await intake.record(ws, [input({}), input({ data: { note: 'a\u0000b' } })]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeptError);
    expect((err as KeptError).details).toEqual({ problems: [{ path: ['events', 1], message: expect.stringContaining('NUL') }] });
  });

  it('finds a NUL deep in the data, in an array or in a key, and in the customer; none elsewhere', async () => {
    const intake = createEventIntake(t.db, systemClock);
    const err = await intake
      .record(ws, [
        input({ data: { items: [{ sku: 'A-1' }, { sku: ['x', 'y\u0000'] }] } }),
        input({ data: { ['bad\u0000key']: 1 } }),
        input({ data: { fine: [1, null, true, { deep: 'ok' }] } }),
        input({ customer: { externalId: 'nul-1', name: 'N\u0000' } }),
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeptError);
    expect((err as KeptError).details).toEqual({
      problems: [0, 1, 3].map((i) => ({ path: ['events', i], message: expect.stringContaining('NUL') })),
    });
  });
});
