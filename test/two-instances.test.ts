// Two Kept processes on one PostgreSQL under load: events arrive at both at once, and every job
// each kind of work makes is done exactly once between them: survey invitations (one per
// triggering event), their mails (each handed to SMTP once), case clocks (each escalation once
// per case), webhook deliveries (each received once) and a cause's outreach (one case and one
// apology per affected customer).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../server/domain/core/clock.ts';
import { createSurvey } from '../server/domain/signals/surveys.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { buildToken, buildWorkspace } from './factories.ts';
import { startKeptProcess, type KeptProcess } from './process.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';

const customers = 40;
const batchCustomers = 12; // the cause's outreach reaches these
const cases = 6;

let t: TestDatabase;
let smtp: SMTPServer;
let receiver: Receiver;
const smtpIds: string[] = [];
const kept: KeptProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        smtpIds.push(/^Message-ID: (.+)$/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '(none)');
        setTimeout(() => callback(), 5 + Math.random() * 15);
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  receiver = await startReceiver();
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  for (let i = 0; i < 2; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'kept-two-'));
    dirs.push(dataDir);
    kept.push(
      await startKeptProcess({
        dataDir,
        databaseUrl: t.url,
        env: { KEPT_SMTP_URL: smtpUrl, KEPT_MAIL_FROM: 'Acme <mail@acme.test>', KEPT_PUBLIC_URL: 'https://kept.test' },
        timeoutMs: 120_000,
      }),
    );
  }
}, 300_000);

afterAll(async () => {
  await Promise.all(kept.map((k) => k.stop().catch(() => {})));
  await receiver?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await t.drop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}, 120_000);

/** What the jobs have done so far, by table and status: said when a wait times out. */
async function state(): Promise<string> {
  const r = await sql<{ s: string }>`SELECT concat_ws(' | ',
    (SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM invitations GROUP BY 1) x),
    (SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM webhook_deliveries GROUP BY 1) x),
    (SELECT string_agg(kind || ':' || status || ' ' || n, ', ') FROM (SELECT kind, status, count(*) n FROM mails GROUP BY 1, 2) x),
    (SELECT string_agg(status || ' ' || processed || '/' || total, ', ') FROM cause_outreach),
    (SELECT string_agg(type || ' ' || n, ', ') FROM (SELECT type, count(*) n FROM events GROUP BY 1) x)) AS s`.execute(t.db);
  return r.rows[0]!.s;
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${await state()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(t.db)).rows[0]!.n);

describe('two Kept processes on one PostgreSQL', () => {
  it('do every job of every kind exactly once between them', { timeout: 300_000 }, async () => {
    const ws = (await buildWorkspace(t.db)).id;
    const token = await buildToken(t.db, ws, 'admin');
    let turn = 0;
    const api = async (method: string, path: string, body?: unknown) => {
      const k = kept[turn++ % 2]!; // alternate between the two instances
      const res = await fetch(`${k.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const survey = await createSurvey(t.db, systemClock, ws, {
      kind: 'nps',
      name: 'After delivery',
      askReason: false,
      questions: [],
      texts: {},
      defaultLocale: 'en',
      brand: {},
      samplePercent: 100,
    });
    expect((await api('POST', `/api/v1/surveys/${survey.id}/triggers`, { eventType: 'order.delivered', delayHours: 0 })).status).toBe(201);
    const hook = await api('POST', '/api/v1/webhooks', { url: `${receiver.url}/hooks`, eventTypes: ['order.delivered'] });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);

    // The load: one delivery per customer, 8 at a time, alternating between the instances.
    const now = Date.now();
    const queue = Array.from({ length: customers }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const r = await api('POST', '/api/v1/events', {
            type: 'order.delivered',
            source: 'logistics',
            occurredAt: new Date(now - 60_000).toISOString(),
            customer: { externalId: `two-${i}`, email: `two-${i}@example.com`, name: `Two ${i}` },
            data: { batch: i < batchCustomers ? 'B-1' : 'B-2' },
          });
          expect(r.status).toBe(201);
        }
      }),
    );
    // Case clocks: oopses almost a day old are at once past 50 % and 80 % of the 24-hour target.
    for (let i = 0; i < cases; i++) {
      const r = await api('POST', '/api/v1/cases', {
        customer: { externalId: `two-${customers - 1 - i}` },
        summary: `Late delivery ${i}`,
        occurredAt: new Date(now - 23 * 3_600_000).toISOString(),
      });
      expect(r.status).toBe(201);
    }
    // A cause and its outreach: the batch's customers each get a case and an apology.
    const cause = await api('POST', '/api/v1/causes', {
      title: 'Batch B-1 was damaged',
      selector: { eventType: 'order.delivered', where: [{ path: 'batch', op: 'eq', value: 'B-1' }] },
    });
    expect(cause.status).toBe(201);
    const outreach = await api('POST', `/api/v1/causes/${cause.body.id}/outreach`, { message: 'We are sorry, {customerName}.' });
    expect(outreach.status, JSON.stringify(outreach.body)).toBe(202);

    const w = sql`workspace_id = ${ws}`;
    await until(
      'every invitation to be sent or held back (a guard rule holds surveys to a customer with an open case)',
      async () => (await count(sql`SELECT count(*) AS n FROM invitations WHERE ${w} AND status <> 'scheduled'`)) === customers,
    );
    await until(
      'the webhooks to be delivered',
      async () => (await count(sql`SELECT count(*) AS n FROM webhook_deliveries WHERE ${w} AND status = 'delivered'`)) === customers,
    );
    await until(
      'the outreach to finish',
      async () => (await count(sql`SELECT count(*) AS n FROM cause_outreach WHERE ${w} AND status = 'done'`)) === 1,
    );
    await until(
      'the case clocks to escalate',
      async () => (await count(sql`SELECT count(*) AS n FROM events WHERE ${w} AND type = 'case.escalated'`)) >= cases * 2,
    );
    await until(
      'every mail to be sent',
      async () => (await count(sql`SELECT count(*) AS n FROM mails WHERE ${w} AND status <> 'sent'`)) === 0,
    );
    await new Promise((r) => setTimeout(r, 3000)); // time for a second doing of anything to show

    // Invitations: one per triggering event.
    expect(await count(sql`SELECT count(*) AS n FROM invitations WHERE ${w}`)).toBe(customers);
    const invitations = await sql<{ status: string; n: string }>`SELECT status || coalesce(' (' || suppressed_reason || ')', '') AS status,
      count(*) AS n FROM invitations WHERE ${w} GROUP BY 1 ORDER BY 1`.execute(t.db);
    // Mails: each handed to SMTP once (Message-IDs are unique per mail, kept across resends).
    const mails = await sql<{
      kind: string;
      n: string;
    }>`SELECT kind, count(*) AS n FROM mails WHERE ${w} GROUP BY kind ORDER BY kind`.execute(t.db);
    const totalMails = mails.rows.reduce((a, r) => a + Number(r.n), 0);
    expect(smtpIds).toHaveLength(totalMails);
    expect(new Set(smtpIds).size).toBe(totalMails);
    const senders = await sql<{ claimed_by: string }>`SELECT DISTINCT claimed_by FROM mails WHERE ${w}`.execute(t.db);
    // Webhooks: every delivery received once.
    const hookIds = receiver.received.map((h) => h.id);
    expect(hookIds).toHaveLength(customers);
    expect(new Set(hookIds).size).toBe(customers);
    // Clocks: each case escalated to its owner once and to a manager once.
    const clocks = await sql<{ n: string }>`SELECT count(*) AS n FROM events WHERE ${w} AND type = 'case.escalated'
      GROUP BY data ->> 'caseId', data ->> 'level'`.execute(t.db);
    expect(clocks.rows.map((r) => Number(r.n))).toEqual(Array(cases * 2).fill(1));
    // Outreach: one proactive case per affected customer, and every customer processed once.
    const proactive = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM cases WHERE ${w} AND origin = 'proactive' GROUP BY customer_id`.execute(t.db);
    expect(proactive.rows.map((r) => Number(r.n))).toEqual(Array(batchCustomers).fill(1));
    const o = (await sql<{ total: number; processed: number }>`SELECT total, processed FROM cause_outreach WHERE ${w}`.execute(t.db))
      .rows[0]!;
    expect(o).toEqual({ total: batchCustomers, processed: batchCustomers });

    console.log(
      `two instances: ${customers} events, invitations ${invitations.rows.map((r) => `${r.status} ${r.n}`).join(', ')}, mails ${mails.rows.map((r) => `${r.kind} ${r.n}`).join(', ')} ` +
        `(${smtpIds.length} SMTP deliveries, senders: ${senders.rows.length}), ${hookIds.length} webhooks, ` +
        `${clocks.rows.length} clock escalations, ${proactive.rows.length} outreach cases`,
    );
  });
});
