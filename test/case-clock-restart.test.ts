// A case's clock across a real server restart: `kept start` as a process on its own embedded
// PostgreSQL. A case whose oops was almost 24 hours ago is reminded and escalated at once; Kept
// is stopped before the breach falls due and started again after it: the breach is recorded
// then, once, and nothing fired twice. (The fixed-clock test of the 50 / 80 / 100 % points is
// server/jobs/case-clocks.test.ts; a real process cannot have its clock moved, so this one uses
// real time and an oops in the past.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl, keptCli, startKeptProcess, type KeptProcess } from './process.ts';

let dataDir: string | undefined;
let kept: KeptProcess | undefined;

afterAll(async () => {
  await kept?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a case clock across a restart of Kept', () => {
  it('fires the breach that fell due while Kept was down, once, after it starts again', { timeout: 240_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kept-clock-'));
    kept = await startKeptProcess({ dataDir, timeoutMs: 120_000 });
    const token = (await keptCli(['token', 'create', '--name', 'test', '--role', 'agent'], dataDir)).trim();
    const breachInMs = 15_000;
    const occurredAt = new Date(Date.now() - 24 * 3_600_000 + breachInMs);
    const res = await fetch(`${kept.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { externalId: 'c-1' },
        summary: 'The technician did not come',
        occurredAt: occurredAt.toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    const { case: opened } = (await res.json()) as { case: { id: string; dueAt: string } };

    const row = async () => {
      const db = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir!) });
      await db.connect();
      try {
        const c = await db.query<{ reminded_at: Date | null; escalated_at: Date | null; breached_at: Date | null }>(
          'SELECT reminded_at, escalated_at, breached_at FROM cases WHERE id = $1',
          [opened.id],
        );
        const e = await db.query<{ type: string; level: string | null }>(
          `SELECT type, data->>'level' AS level FROM events WHERE data->>'caseId' = $1 ORDER BY occurred_at`,
          [opened.id],
        );
        return { ...c.rows[0]!, events: e.rows.map((x) => (x.level ? `${x.type}:${x.level}` : x.type)) };
      } finally {
        await db.end();
      }
    };

    // 50 % and 80 % were past when the case opened: they fire at once.
    const before = await eventually(row, (r) => !!r.reminded_at && !!r.escalated_at);
    expect(before.reminded_at).not.toBeNull();
    expect(before.escalated_at).not.toBeNull();
    expect(before.breached_at).toBeNull();
    await kept.stop();
    kept = undefined;

    // Down while the breach falls due.
    const wait = Date.parse(opened.dueAt) + 3000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    kept = await startKeptProcess({ dataDir, timeoutMs: 120_000 });
    const after = await eventually(row, (r) => !!r.breached_at);
    expect(after.breached_at!.getTime()).toBeGreaterThanOrEqual(Date.parse(opened.dueAt));
    expect(after.reminded_at).toEqual(before.reminded_at);
    expect(after.events).toEqual(['case.opened', 'case.escalated:owner', 'case.escalated:manager', 'case.breached']);
    await new Promise((r) => setTimeout(r, 2000));
    expect((await row()).events).toEqual(['case.opened', 'case.escalated:owner', 'case.escalated:manager', 'case.breached']);
  });
});
