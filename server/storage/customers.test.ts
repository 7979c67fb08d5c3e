// New customers created by concurrent batches: every writer inserts them in one shared order, so
// batches that name the same new people in different orders wait for each other instead of
// deadlocking, and each person is created once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../contract/events.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildWorkspace, event, failuresOf, seededOrder } from '../../test/factories.ts';
import { systemClock } from '../domain/core/clock.ts';
import { recordEvents } from '../domain/core/events.ts';
import { insertOrder, type Known } from './customers.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const input = (over: Record<string, unknown>) => event(over) as unknown as EventInput;

/** Four batches recorded at once, one per seed: the messages of those that failed. */
const failedOfFour = (ws: string, events: (seed: number) => EventInput[]) =>
  failuresOf([1, 2, 3, 4].map((seed) => recordEvents(t.db, systemClock, ws, events(seed))));

const known = (externalId: string | null, email: string | null): Known => ({
  id: `${externalId}/${email}`,
  externalId,
  email,
  rawEmail: email,
  name: null,
});

describe('the order new customers are inserted in', () => {
  it('is the same whatever order the references came in: by external id, then the others by e-mail', () => {
    const people = [known('b-2', 'x@example.com'), known(null, 'a@example.com'), known('a-1', null), known(null, 'c@example.com')];
    const expected = ['a-1/null', 'b-2/x@example.com', 'null/a@example.com', 'null/c@example.com'];
    expect(insertOrder(people).map((k) => k.id)).toEqual(expected);
    expect(insertOrder([...people].reverse()).map((k) => k.id)).toEqual(expected);
    expect(insertOrder([people[2]!, people[0]!, people[3]!, people[1]!]).map((k) => k.id)).toEqual(expected);
  });

  it('lets four concurrent batches create the same new customers in different orders: all commit, each person once', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    const people = Array.from({ length: 300 }, (_, i) => i);
    for (let round = 0; round < 3; round++) {
      // Fresh people each round (only creating them could deadlock); a third known by e-mail alone.
      const ref = (n: number) =>
        n % 3
          ? { externalId: `d-${round}-${n}`, email: `d${round}-${n}@example.com`, name: `D ${n}` }
          : { email: `only${round}-${n}@example.com` };
      const failed = await failedOfFour(ws, (seed) =>
        seededOrder(people, seed).map((n) => input({ customer: ref(n), idempotencyKey: `new-${round}-${seed}-${n}` })),
      );
      expect(failed, `round ${round}`).toEqual([]);
    }
    const counts = await t.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', ws)
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(3 * people.length);
  }, 60_000);

  it('lets four concurrent batches update the same customers’ attributes in different orders: all commit', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    const people = Array.from({ length: 300 }, (_, i) => i);
    const ref = (n: number, seen: number) => ({ externalId: `u-${n}`, email: `u${n}@example.com`, attributes: { seen } });
    await recordEvents(
      t.db,
      systemClock,
      ws,
      people.map((n) => input({ customer: ref(n, 0) })),
    );
    for (let round = 1; round <= 3; round++) {
      const failed = await failedOfFour(ws, (seed) =>
        seededOrder(people, seed).map((n) => input({ customer: ref(n, round * 10 + seed), idempotencyKey: `upd-${round}-${seed}-${n}` })),
      );
      expect(failed, `round ${round}`).toEqual([]);
    }
  }, 60_000);
});
