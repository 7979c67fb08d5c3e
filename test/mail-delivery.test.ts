// Mail delivery at most once, with Kept as real processes (`kept start`) on one PostgreSQL and
// a real SMTP server (smtp-server) in this test: two instances share the outbox and deliver
// every mail once; a sender killed with SIGKILL while the SMTP server holds its answer to DATA
// leaves that mail `unknown` after the restart, never sent again, and every other mail once.
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diedWhileSending } from '../server/domain/one-voice/mail-delivery.ts';
import { enqueueMail } from '../server/storage/mails.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { buildWorkspace } from './factories.ts';
import { startKeptProcess, type KeptProcess } from './process.ts';

let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl: string;
let workspaceId: string;
const dirs: string[] = [];
const running: KeptProcess[] = [];
/** Message-IDs the SMTP server took (it has read the whole message), in order. */
const received: string[] = [];
/** Recipients whose message the server takes and then never answers. */
const holdFor = new Set<string>();
const held: { to: string; answer: () => void }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await buildWorkspace(t.db)).id;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push(/^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? '(none)');
        const to = session.envelope.rcptTo[0]!.address;
        if (holdFor.has(to)) held.push({ to, answer: () => callback() });
        // A real server takes a moment to store a mail; it also lets both instances take part.
        else setTimeout(() => callback(), 10 + Math.random() * 20);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((k) => k.stop().catch(() => {})));
  for (const h of held.splice(0)) h.answer();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.drop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}, 60_000);

async function startKept(): Promise<KeptProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kept-mail-'));
  dirs.push(dataDir);
  const k = await startKeptProcess({
    dataDir,
    databaseUrl: t.url,
    env: { KEPT_SMTP_URL: smtpUrl, KEPT_MAIL_FROM: 'Acme <mail@acme.test>' },
  });
  running.push(k);
  return k;
}

/** Queues `n` mails in one transaction, so they fall due together; answers their ids. */
async function queue(n: number, to: (i: number) => string, label: string): Promise<string[]> {
  return t.db.transaction().execute(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        await enqueueMail(
          tx,
          workspaceId,
          {
            customerId: null,
            invitationId: null,
            kind: 'case_message',
            to: to(i),
            subject: `${label} ${i}`,
            html: `<p>${label} ${i}</p>`,
            text: `${label} ${i}`,
            headers: {},
          },
          new Date(),
        ),
      );
    }
    return ids;
  });
}

async function statuses(ids: string[]) {
  const r = await sql<{ id: string; status: string; claimed_by: string | null; last_error: string | null }>`
    SELECT id, status, claimed_by, last_error FROM mails WHERE id = ANY(${ids}::uuid[])`.execute(t.db);
  return new Map(r.rows.map((x) => [x.id, x]));
}

/** Polls until `done` holds, or fails after `timeoutMs` saying what it waited for. */
async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const messageId = (id: string) => `<${id}@acme.test>`;
const timesReceived = (ids: string[]) => {
  const count = new Map<string, number>();
  for (const m of received) count.set(m, (count.get(m) ?? 0) + 1);
  return ids.map((id) => count.get(messageId(id)) ?? 0);
};

describe('mail delivery with Kept as real processes', () => {
  it('delivers every mail exactly once when two instances share one database', async () => {
    const [a, b] = await Promise.all([startKept(), startKept()]);
    const started = Date.now();
    const ids = await queue(400, (i) => `two-${i}@example.com`, 'Two instances');
    await until('every mail sent', async () => [...(await statuses(ids)).values()].every((m) => m.status === 'sent'));
    const seconds = (Date.now() - started) / 1000;

    const times = timesReceived(ids);
    expect(
      times.filter((n) => n === 0),
      'mails never received',
    ).toEqual([]);
    expect(
      times.filter((n) => n > 1),
      'mails received twice',
    ).toEqual([]);
    const by = new Map<string, number>();
    for (const m of (await statuses(ids)).values()) by.set(m.claimed_by!, (by.get(m.claimed_by!) ?? 0) + 1);
    console.log(
      `two instances: ${ids.length} mails in ${seconds.toFixed(1)} s (${Math.round(ids.length / seconds)} mails/s), ` +
        [...by].map(([who, n]) => `${who}: ${n}`).join(', '),
    );
    expect([...by.keys()].sort(), 'both instances sent mail').toEqual([`${hostname()}:${a.pid}`, `${hostname()}:${b.pid}`].sort());
    await Promise.all([a.stop(), b.stop()]);
  }, 180_000);

  it('leaves the mail of a sender killed mid-conversation unknown, never sent again, and delivers every other mail once', async () => {
    const k = await startKept();
    holdFor.add('held@example.com');
    const [heldId] = await queue(1, () => 'held@example.com', 'Held');
    const before = await queue(40, (i) => `before-${i}@example.com`, 'Before the crash');
    // The server has read the whole held mail and sits on its answer; the others went out.
    await until('the held mail reached the server', () => held.length === 1);
    await until('the other mails sent', async () => [...(await statuses(before)).values()].every((m) => m.status === 'sent'));
    expect((await statuses([heldId!])).get(heldId!)!.status).toBe('sending');
    await k.crash();

    const after = await queue(40, (i) => `after-${i}@example.com`, 'After the crash');
    const restarted = await startKept();
    await until('the mails queued during the crash sent', async () =>
      [...(await statuses(after)).values()].every((m) => m.status === 'sent'),
    );
    await until('the held mail unknown', async () => (await statuses([heldId!])).get(heldId!)!.status === 'unknown');

    const m = (await statuses([heldId!])).get(heldId!)!;
    expect(m).toMatchObject({ status: 'unknown', last_error: diedWhileSending, claimed_by: `${hostname()}:${k.pid}` });
    expect(timesReceived([heldId!]), 'the held mail, received by the server before the crash').toEqual([1]);
    const others = [...before, ...after];
    expect(
      timesReceived(others).filter((n) => n !== 1),
      'other mails not received exactly once',
    ).toEqual([]);
    const statusesOfOthers = [...(await statuses(others)).values()].map((x) => x.status);
    expect(new Set(statusesOfOthers)).toEqual(new Set(['sent']));
    await restarted.stop();
  }, 180_000);
});
