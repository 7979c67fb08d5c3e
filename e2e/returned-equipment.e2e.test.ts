// The returned equipment (seed 004), end to end through the public API on a real `kept start`
// with a real SMTP server receiving what customers get. A service is cancelled at the end of a
// billing cycle with nothing owed, the return kit ships, the carrier delivers the return; then
// billing's automatic "equipment not received, you will be charged" notice and a new invoice are
// both held with their reasons, the warehouse gets a task, the customer receives nothing
// contradictory, and the timeline shows it all. The warehouse then confirms the return and the
// task closes by itself.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken } from './staff-app.ts';

let kept: RunningKept | undefined;
let smtp: SMTPServer;
let call: ReturnType<typeof apiWithToken>;
const received: { to: string[]; subject: string }[] = [];
const rita = { externalId: 'acct-7731', name: 'Rita Olsen', email: 'rita@example.com' };

const at = (daysAgo: number, hh = '10:00') => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${hh}:00Z`;
};
const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
};

describe('the returned equipment', () => {
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '' });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    kept = await startKept({ KEPT_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` });
    call = apiWithToken(kept.url, (await kept.cli(['token', 'create', '--name', 'systems', '--role', 'admin'])).trim());
    for (const [key, name] of [
      ['warehouse', 'Warehouse'],
      ['billing', 'Billing'],
    ]) {
      await call('POST', '/api/v1/departments', { key, name, colour: '#336699' }, 201);
    }
  });
  afterAll(async () => {
    await kept?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('holds the contradicting notice and invoice, tasks the warehouse, and tells the customer nothing wrong', async () => {
    const event = (type: string, source: string, occurredAt: string, data: Record<string, unknown>) =>
      call('POST', '/api/v1/events', { type, source, customer: rita, occurredAt, data }, 201);
    await event('service.cancelled', 'billing', at(20, '23:59'), { plan: 'fibre-100', balance: 0, cycleEnd: at(20, '23:59') });
    await event('return_kit.shipped', 'logistics', at(18), { tracking: 'RK-55120', items: ['router'] });
    await event('shipment.delivered', 'carrier', at(2, '14:02'), { tracking: 'RK-55120', direction: 'return', carrier: 'PostNord' });

    // Billing's own confirmation contradicts nothing and goes out.
    const post = (kind: string, subject: string, key: string) =>
      call<{ id: string; status: string; decision: string; taskId: string | null }>(
        'POST',
        '/api/v1/messages',
        { customer: { externalId: rita.externalId }, kind, source: 'billing', subject, text: `${subject}.`, idempotencyKey: key },
        202,
      );
    const thanks = await post('cancellation_confirmation', 'Your service has ended', 'conf-1');
    expect(thanks.status).toBe('passed');

    // The automatic notices: both held, each with its reason in words.
    const notice = await post('equipment_not_received', 'Equipment not received: you will be charged EUR 120', 'nr-1');
    expect(notice.status).toBe('held');
    expect(notice.decision).toMatch(/shipment delivered, from carrier, on \d{1,2} [A-Z][a-z]+ \d{4} at 14:02 UTC \(event /);
    const invoice = await post('invoice', 'Your invoice for December', 'inv-1');
    expect(invoice.status).toBe('held');
    expect(invoice.decision).toContain('service cancelled, from billing');

    const warehouse = (await call<{ items: { id: string; key: string }[] }>('GET', '/api/v1/departments')).items.find(
      (d) => d.key === 'warehouse',
    )!;
    const tasks = await call<{ items: { id: string; title: string; messageId: string; status: string }[] }>(
      'GET',
      `/api/v1/tasks?departmentId=${warehouse.id}`,
    );
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({ messageId: notice.id, status: 'open' });
    expect(tasks.items[0]!.title).toContain('Rita Olsen');

    // The customer receives the confirmation, and nothing that contradicts it.
    await eventually(
      async () => received.length,
      (n) => n >= 1,
    );
    await new Promise((r) => setTimeout(r, 3000)); // a few sender passes: nothing else may arrive
    expect(received.map((m) => m.subject)).toEqual(['Your service has ended']);
    expect(received[0]!.to).toEqual([rita.email]);

    // The warehouse confirms the return: the task closes by itself and the notice is cancelled.
    await event('return.received', 'warehouse', new Date().toISOString(), { serial: 'RT-0042', condition: 'good' });
    const task = await eventually(
      () =>
        call<{ status: string; closedNote: string | null; closedByEventId: string | null }>('GET', `/api/v1/tasks/${tasks.items[0]!.id}`),
      (t) => t.status === 'done',
    );
    expect(task).toMatchObject({ status: 'done', closedByEventId: expect.any(String) });
    expect(task.closedNote).toContain('return.received from warehouse');
    expect((await call<{ status: string }>('GET', `/api/v1/messages/${notice.id}`)).status).toBe('cancelled');

    // The invoice waits for a person in billing, who cancels it with a note.
    const decided = await call<{ status: string; decidedNote: string }>('POST', `/api/v1/messages/${invoice.id}/cancel`, {
      note: 'She cancelled at the end of the cycle; nothing is owed',
    });
    expect(decided).toMatchObject({ status: 'cancelled', decidedNote: 'She cancelled at the end of the cycle; nothing is owed' });

    // The timeline tells the whole story, in order.
    const customers = await call<{ items: { id: string }[] }>('GET', `/api/v1/customers?q=${rita.externalId}`);
    const timeline = await call<{ items: { type: string; data: Record<string, unknown> }[] }>(
      'GET',
      `/api/v1/customers/${customers.items[0]!.id}/timeline?limit=50`,
    );
    const types = timeline.items.map((e) => e.type).reverse();
    expect(types.slice(0, 3)).toEqual(['service.cancelled', 'return_kit.shipped', 'shipment.delivered']);
    expect(types).toEqual(
      expect.arrayContaining(['message.queued', 'message.held', 'return.received', 'task.closed', 'message.cancelled']),
    );
    expect(types.filter((t) => t === 'message.held')).toHaveLength(2);
    expect(types.filter((t) => t === 'message.cancelled')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 2000));
    expect(received.map((m) => m.subject)).toEqual(['Your service has ended']);
  });
});
