// The henna jar (seed 000), end to end on a real `kept start` and Debian's Chromium. Ann finds
// henna in her conditioner and complains on the company's complaint form; within the hour her
// case is acknowledged with an apology, linked to the production batch, every other customer of
// that batch is found and contacted, Ann tells us on her own case page what would make it right,
// her restitution is recorded, she answers the follow-up survey, and the case closes inside an
// hour of the oops. The recovery report counts it as recovered within 24 hours.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, expectNoAxeViolations, hoursAgo, launchChromium, newPage, signIn } from './staff-app.ts';

const admin = { email: 'hana@example.com', password: 'correct horse battery', name: 'Hana Staff' };
const ann = { externalId: 'cus_ann', name: 'Ann Shaw', email: 'ann@example.com' };
const batchB42 = [
  ann,
  ...['bo', 'cy', 'di', 'ed'].map((n) => ({ externalId: `cus_${n}`, name: `${n.toUpperCase()} Customer`, email: `${n}@example.com` })),
];
const batchB41 = ['fi', 'gu'].map((n) => ({ externalId: `cus_${n}`, name: `${n.toUpperCase()} Customer`, email: `${n}@example.com` }));
const soon = { timeout: 20_000 };
const hour = 3_600_000;

let kept: RunningKept | undefined;
let browser: Browser | undefined;
let call: ReturnType<typeof apiWithToken>;

interface Mail {
  to: string;
  kind: string;
  subject: string;
  text: string;
}
interface CaseDetail {
  id: string;
  number: number;
  status: string;
  oopsAt: string;
  closedAt: string | null;
  recoveredAt: string | null;
  causeId: string | null;
  origin: string;
  playbook: { step: string; status: string; at: string | null; data: Record<string, unknown> }[];
  messages: { direction: string; body: string }[];
}

/** The mail Kept sent (or, with no SMTP server, kept in its preview) to one address, oldest first. */
const mailsTo = async (to: string) =>
  (await call<{ items: (Mail & { id: string })[] }>('GET', '/api/v1/mails?limit=200')).items
    .filter((m) => m.to === to)
    .sort((a, b) => a.id.localeCompare(b.id));
const link = (text: string, prefix: string) => new RegExp(`https?://\\S+/${prefix}/[\\w-]+\\.[\\w-]+`).exec(text)?.[0];
const stepAt = (c: CaseDetail, step: string) => c.playbook.find((s) => s.step === step)!;

describe('the henna jar', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    call = apiWithToken(kept.url, (await kept.cli(['token', 'create', '--name', 'shop', '--role', 'admin'])).trim());
    // The shop's orders, with the production batch of the conditioner each customer got.
    await call('POST', '/api/v1/events', {
      events: [
        ...batchB42.map((c, i) => ({
          type: 'order.placed',
          source: 'shop',
          customer: c,
          occurredAt: hoursAgo(96 - i),
          data: { batch: 'B-42', sku: 'COND-250' },
        })),
        ...batchB41.map((c, i) => ({
          type: 'order.placed',
          source: 'shop',
          customer: c,
          occurredAt: hoursAgo(120 - i),
          data: { batch: 'B-41', sku: 'COND-250' },
        })),
      ],
    });
    await call('POST', '/api/v1/surveys', { kind: 'nps', name: 'How did we do?' }, 201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('turns a complaint into a recovered, closed case within the hour, and reaches everyone the batch touched', async () => {
    const url = kept!.url;
    const customerPage = await newPage(browser!, 390);

    // 1. Ann complains on the public form (no sign-in, no script needed).
    await customerPage.goto(`${url}/complain/default`);
    await customerPage.fill('#name', ann.name);
    await customerPage.fill('#email', ann.email);
    await customerPage.fill('#reference', 'A-1042');
    await customerPage.fill('#body', 'The conditioner I received is full of henna. That is the wrong product!');
    await customerPage.getByRole('button', { name: 'Send' }).click();
    await customerPage.getByRole('heading', { name: 'Thank you, we have your message' }).waitFor();
    const complaints = await call<{ items: { caseId: string; occurredAt: string }[] }>('GET', '/api/v1/complaints');
    expect(complaints.items).toHaveLength(1);
    const caseId = complaints.items[0]!.caseId;
    let c = await call<CaseDetail>('GET', `/api/v1/cases/${caseId}`);
    expect(c).toMatchObject({ origin: 'complaint', status: 'open' });
    const oopsAt = Date.parse(c.oopsAt);

    // 2. Staff: the case is in the inbox; they acknowledge it and apologise from a template.
    const staff = await newPage(browser!);
    await signIn(staff, url, admin);
    await staff.goto(`${url}/cases`);
    await staff
      .getByRole('link', { name: /The conditioner I received is full of henna/ })
      .first()
      .click();
    await staff.getByRole('heading', { level: 1, name: /full of henna/ }).waitFor();
    const step = (title: RegExp) => staff.getByRole('region', { name: title });
    const acknowledge = step(/Acknowledge and take responsibility/);
    await acknowledge.getByLabel('Message to the customer (optional)').fill('Ann, this is on us. I am looking into it now.');
    await acknowledge.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => acknowledge.innerText(), soon).toContain(`Done by ${admin.name}`);
    const apologise = step(/^Step 2: Apologise$/);
    await apologise.getByRole('combobox', { name: 'Start from a template' }).selectOption({ label: 'Wrong product delivered' });
    expect(await apologise.getByRole('textbox', { name: 'Apology' }).inputValue()).toContain(`Dear ${ann.name}`);
    await apologise.getByRole('button', { name: 'Send the apology' }).click();
    await expect.poll(() => apologise.innerText(), soon).toContain(`Done by ${admin.name}`);
    await expectNoAxeViolations(staff, 'the henna case, apologised');

    // 3. The root cause: batch B-42. Recorded as a cause and linked by the investigate step.
    const cause = await call<{ id: string; affectedCustomers: number }>(
      'POST',
      '/api/v1/causes',
      {
        title: 'Batch B-42 filled with henna',
        selector: { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'B-42' }] },
      },
      201,
    );
    expect(cause.affectedCustomers).toBe(5);
    await call(
      'POST',
      `/api/v1/cases/${caseId}/steps`,
      { step: 'investigate', rootCause: 'The filling line put henna into batch B-42', causeId: cause.id },
      201,
    );

    // 4. Everyone else the batch touched is found and contacted from the cause's page, with progress.
    await staff.goto(`${url}/causes/${cause.id}`);
    const panel = staff.getByRole('region', { name: 'Contact everyone' });
    await panel.getByRole('combobox', { name: 'Start from a template' }).selectOption({ label: 'We found a problem before you did' });
    // Five customers had the batch; Ann's case is linked already, so four are left to contact.
    await panel.getByRole('button', { name: /Contact 4 customers/ }).click();
    await staff
      .getByRole('dialog', { name: /Send this apology to 4 customers/ })
      .getByRole('button', { name: /Contact 4 customers/ })
      .click();
    await expect.poll(() => panel.innerText(), { timeout: 60_000 }).toContain('Everyone was contacted');
    // Done: the panel no longer offers to contact anyone.
    await panel.getByText('nobody is left to contact').waitFor();
    expect(await panel.getByRole('button', { name: /Contact/ }).count()).toBe(0);
    const runs = await call<{ items: { opened: number; skipped: number; apologised: number }[] }>(
      'GET',
      `/api/v1/causes/${cause.id}/outreach`,
    );
    expect(runs.items[0]).toMatchObject({ opened: 4, skipped: 1, apologised: 4 });
    for (const other of batchB42.slice(1)) expect((await mailsTo(other.email)).map((m) => m.kind)).toEqual(['case_message']);
    for (const other of batchB41) expect(await mailsTo(other.email)).toEqual([]);
    await staff.screenshot({ path: '/tmp/kept-henna-cause.png', fullPage: true });

    // 5. Ann follows her case from the link in our mail and says what would make it right.
    const annMails = await mailsTo(ann.email);
    // The complaint's receipt, the acknowledgement and the apology: each about her case.
    expect(annMails.map((m) => m.kind)).toEqual(['case_message', 'case_message', 'case_message']);
    const caseLink = link(annMails[2]!.text, 'c')!;
    await customerPage.goto(caseLink);
    await customerPage.getByRole('heading', { name: `Your case #${c.number}` }).waitFor();
    expect(await customerPage.locator('body').innerText()).toContain('We apologised: it was our mistake.');
    await customerPage.getByLabel('Write to us').fill('A refund, and the right conditioner please.');
    await customerPage.getByRole('button', { name: 'Send' }).click();
    await customerPage.getByText('your message reached the person handling your case').waitFor();

    // 6. On her case page, staff promise the refund by a date, with what the team usually manages beside it.
    await staff.goto(`${url}/cases/${caseId}`);
    const promises = staff.getByRole('region', { name: 'Promises' });
    await promises.getByRole('button', { name: 'Make a promise…' }).click();
    await promises.getByLabel('What was promised').fill('Refund the conditioner');
    await promises.getByLabel('Kind').fill('refund');
    await promises.getByText(/Not enough data yet/).waitFor();
    await promises.getByLabel('Due', { exact: true }).fill(`${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T12:00`);
    await promises.getByRole('button', { name: 'Record the promise' }).click();
    await promises.getByRole('button', { name: 'Kept: Refund the conditioner' }).waitFor(soon);
    await expectNoAxeViolations(staff, 'the henna case with a promise');

    // 7. The fix, her answer, her restitution (with its cost and approver), the follow-up survey.
    const hana = (await call<{ items: { id: string; email: string }[] }>('GET', '/api/v1/users')).items.find(
      (u) => u.email === admin.email,
    )!;
    await call(
      'POST',
      `/api/v1/cases/${caseId}/steps`,
      { step: 'fix', note: 'The right conditioner sent by courier; batch B-42 recalled' },
      201,
    );
    await call(
      'POST',
      `/api/v1/cases/${caseId}/steps`,
      { step: 'ask', question: 'What would make this right?', answer: 'A refund, and the right conditioner please.' },
      201,
    );
    await call(
      'POST',
      `/api/v1/cases/${caseId}/steps`,
      {
        step: 'restitution',
        what: 'A full refund and the right conditioner',
        wow: 'A year of free delivery',
        cost: { amount: 31.9, currency: 'EUR' },
        approvedBy: hana.id,
      },
      201,
    );
    const survey = (await call<{ items: { id: string }[] }>('GET', '/api/v1/surveys')).items[0]!;
    await call('POST', `/api/v1/cases/${caseId}/steps`, { step: 'follow_up', surveyId: survey.id, sendAt: new Date().toISOString() }, 201);
    // Her mail now: the three about her case, the promise in the company's words, the follow-up survey.
    await expect.poll(async () => (await mailsTo(ann.email)).length, soon).toBe(5);
    expect((await mailsTo(ann.email)).map((m) => m.kind).slice(3)).toEqual(['promise_made', 'survey_follow_up']);
    const surveyLink = link((await mailsTo(ann.email))[4]!.text, 's')!;
    await customerPage.goto(surveyLink);
    await customerPage.locator('label[for="score-9"]').click();
    await customerPage.getByRole('button', { name: /Send/ }).click();
    await customerPage.getByRole('heading', { name: /Thank you/ }).waitFor();
    c = await call<CaseDetail>('GET', `/api/v1/cases/${caseId}`);
    expect(stepAt(c, 'follow_up').data.response).toMatchObject({ score: 9 });

    // 8. The refund promise is kept, on time; then the case closes inside the hour.
    await promises.getByRole('button', { name: 'Kept: Refund the conditioner' }).click();
    await staff.getByRole('dialog', { name: 'Promise kept' }).getByRole('button', { name: 'Record as kept' }).click();
    // Kept once its button is gone (the region's "Kept" button matched /Kept/ before the keep landed).
    await promises.getByRole('button', { name: 'Kept: Refund the conditioner' }).waitFor({ state: 'detached', ...soon });
    await expect.poll(() => promises.innerText(), soon).toMatch(/Kept/);
    const promised = await call<{ items: { status: string; keptOnTime: boolean | null; caseId: string }[] }>(
      'GET',
      `/api/v1/commitments?caseId=${caseId}`,
    );
    expect(promised.items).toMatchObject([{ status: 'kept', keptOnTime: true, caseId }]);
    c = await call<CaseDetail>('POST', `/api/v1/cases/${caseId}/close`, { note: 'Ann is happy' });
    expect(c).toMatchObject({ status: 'closed', causeId: cause.id });
    expect(Date.parse(stepAt(c, 'apologise').at!) - oopsAt).toBeLessThan(hour);
    expect(Date.parse(c.recoveredAt!) - oopsAt).toBeLessThan(hour);
    expect(Date.parse(c.closedAt!) - oopsAt).toBeLessThan(hour);
    expect(c.messages.map((m) => m.direction)).toEqual(['to_customer', 'to_customer', 'to_customer', 'from_customer']);

    // 9. The 24-hour report shows it, and its drill-down leads to this case.
    const report = await call<{ within24h: { within: number; drillDown: { within: string } }; restitution: { count: number } }>(
      'GET',
      '/api/v1/reports/recovery',
    );
    expect(report.within24h.within).toBe(1);
    expect(report.restitution.count).toBe(1);
    const behind = await call<{ items: { id: string }[] }>('GET', report.within24h.drillDown.within);
    expect(behind.items.map((i) => i.id)).toEqual([caseId]);
    await staff.goto(`${url}/reports/recovery`);
    await staff
      .getByText(/within 24 hours/i)
      .first()
      .waitFor();
    await staff.screenshot({ path: '/tmp/kept-henna-report.png', fullPage: true });
    await staff.context().close();
    await customerPage.context().close();
  });
});
