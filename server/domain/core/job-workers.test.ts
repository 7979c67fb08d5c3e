// Unlocking a dead instance's jobs: only workers that are certainly dead (their process gone on
// this host, or silent for two minutes anywhere) lose their locks; a live instance sharing the
// database, and this process's own pool, keep theirs.
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { recordJobWorkers } from '../../storage/job-workers.ts';
import { beat, forgetWorkers, recordWorkers, thisHost, unlockDeadWorkers } from './job-workers.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** A job locked by `worker`, as graphile-worker locks one it fetched. */
async function lockedJob(key: string, worker: string) {
  await sql`SELECT graphile_worker.add_job('test_task', '{}'::json, job_key => ${key})`.execute(t.db);
  await sql`UPDATE graphile_worker._private_jobs SET locked_by = ${worker}, locked_at = now() WHERE key = ${key}`.execute(t.db);
}
const lockedBy = async () =>
  Object.fromEntries(
    (
      await sql<{ key: string; locked_by: string | null }>`SELECT key, locked_by FROM graphile_worker.jobs WHERE key LIKE 'w-%'`.execute(
        t.db,
      )
    ).rows.map((r) => [r.key, r.locked_by]),
  );

describe('the jobs of stopped workers', () => {
  it('are unlocked when the worker is certainly dead, never a live instance’s or this process’s', async () => {
    const host = thisHost();
    const gonePid = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its process is gone
    const workers = {
      gone: { host, pid: gonePid },
      live: { host, pid: process.ppid }, // another live process on this host
      elsewhere: { host: 'other-host/pid:[1]', pid: 1 },
      silent: { host: 'other-host/pid:[1]', pid: 2 },
      samePid: { host, pid: process.pid }, // an earlier process that had this PID
    };
    for (const [name, w] of Object.entries(workers)) {
      await recordJobWorkers(t.db, { poolId: `pool-${name}`, workerIds: [`pool-${name}`, `worker-${name}`], ...w });
      await lockedJob(`w-${name}`, `pool-${name}`);
    }
    const mine = { poolId: 'pool-mine', workerIds: ['pool-mine'], host, pid: process.pid };
    await recordWorkers(t.db, mine);
    await lockedJob('w-mine', 'pool-mine');
    await sql`UPDATE kept_job_workers SET seen_at = now() - interval '3 minutes' WHERE pool_id IN ('pool-silent', 'pool-mine')`.execute(
      t.db,
    );

    const r = await unlockDeadWorkers(t.db, { host, pid: process.pid });
    expect(r.workers.sort()).toEqual(['pool-gone', 'pool-samePid', 'pool-silent', 'worker-gone', 'worker-samePid', 'worker-silent']);
    expect(r.jobs).toBe(3);
    expect(await lockedBy()).toEqual({
      'w-gone': null,
      'w-samePid': null,
      'w-silent': null,
      'w-live': 'pool-live',
      'w-elsewhere': 'pool-elsewhere',
      'w-mine': 'pool-mine',
    });
    // Nothing more to do a second time; the heartbeat keeps this pool, a clean stop forgets it.
    expect(await unlockDeadWorkers(t.db, { host, pid: process.pid })).toEqual({ workers: [], jobs: 0 });
    await beat(t.db, mine);
    const seen = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM kept_job_workers WHERE pool_id = 'pool-mine' AND seen_at > now() - interval '1 minute'`.execute(t.db);
    expect(Number(seen.rows[0]!.n)).toBe(1);
    await forgetWorkers(t.db, 'pool-mine');
    const left = await sql<{ pool_id: string }>`SELECT DISTINCT pool_id FROM kept_job_workers ORDER BY 1`.execute(t.db);
    expect(left.rows.map((x) => x.pool_id)).toEqual(['pool-elsewhere', 'pool-live']);
  });
});
