// The dumb rule (seed 001), end to end on one `kept start`, Debian's Chromium and a real SMTP
// server. A ski-rental shop's "Late-return charge" collects five complaints (en, fr, de) and three
// front-line exceptions (the third over the agent's budget, approved by a manager in his own
// browser), rises to the top of the friction ranking, is sent to review; the review asks the five
// complainers one question and three answer on their page (one with JavaScript off); the rule's
// owner changes it in the web app and tells the customers: the SMTP server receives exactly one
// "you said, we did" mail per complainer, and touching the improvement again sends nothing more.
// Then the "You said, we did" pages: the list shows the change done with its counts; the owner
// records a new improvement, adds a customer's words to it from her case page, sees them on the
// improvement's page, marks it done and the customer gets her one mail.
import PostalMime from 'postal-mime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../test/smtp-server.ts';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, expectNoAxeViolations, launchChromium, newPage, signIn, signInThroughApi } from './staff-app.ts';

const admin = { email: 'ingrid@alpenrent.example', password: 'correct horse battery', name: 'Ingrid Berg' };
const owner = { email: 'signe@alpenrent.example', password: 'owner of the rental rules', name: 'Signe Dahl', role: 'manager' };
const approver = { email: 'mateo@alpenrent.example', password: 'approves what is right', name: 'Mateo Ruiz', role: 'manager' };
const agent = { email: 'kofi@alpenrent.example', password: 'bends rules with care', name: 'Kofi Mensah', role: 'agent' };
const complainers = [
  {
    externalId: 'ar-1',
    name: 'Lena Vogt',
    email: 'lena@skier.example',
    locale: 'de',
    words: 'Die Verspätungsgebühr für zwei Stunden Stau ist eine Frechheit.',
  },
  {
    externalId: 'ar-2',
    name: 'Élodie Marchand',
    email: 'elodie@skier.example',
    locale: 'fr',
    words: 'Des frais de retard parce que la navette était en retard ?',
  },
  {
    externalId: 'ar-3',
    name: 'Sam Okoro',
    email: 'sam@skier.example',
    locale: 'en',
    words: 'A late fee of a full day for returning skis at 17:10.',
  },
  {
    externalId: 'ar-4',
    name: 'Aiko Tanaka',
    email: 'aiko@skier.example',
    locale: 'en',
    words: 'Nobody told me about the late fee when I rented.',
  },
  {
    externalId: 'ar-5',
    name: 'Ruth Levy',
    email: 'ruth@skier.example',
    locale: 'en',
    words: 'The lift closed late, and you charged me a late fee.',
  },
];
const soon = { timeout: 30_000 };
const day = 86_400_000;

let kept: RunningKept | undefined;
let smtp: TestSmtpServer;
let browser: Browser | undefined;
let call: ReturnType<typeof apiWithToken>;
let lateFee: string;
let noorCase: string;
const cases: string[] = [];

/** The mails the SMTP server took for an address, decoded (RFC 2047 subjects, quoted-printable, UTF-8). */
async function received(to: string) {
  const out: { subject: string; text: string }[] = [];
  for (const m of smtp.received.filter((r) => r.to.includes(to))) {
    const p = await PostalMime.parse(m.raw);
    out.push({ subject: p.subject ?? '', text: p.text ?? '' });
  }
  return out;
}
const youSaidWeDid = /^(You said, we did|Vous l’avez dit, nous l’avons fait|Sie haben es gesagt, wir haben es getan)/;
const oneQuestion = /^(One question about|Une question sur|Eine Frage zu)/;

async function staffPage(who: { email: string; password: string }): Promise<Page> {
  const page = await newPage(browser!);
  await signIn(page, kept!.url, who);
  return page;
}

beforeAll(async () => {
  await ensureWebBuilt();
  smtp = await startTestSmtpServer();
  kept = await startKept({ KEPT_SMTP_URL: smtp.url });
  await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
  call = apiWithToken(kept.url, (await kept.cli(['token', 'create', '--name', 'shop', '--role', 'admin'])).trim());
  const ids: Record<string, string> = {};
  for (const p of [owner, approver, agent]) ids[p.email] = (await call<{ id: string }>('POST', '/api/v1/users', p, 201)).id;
  const rentals = (await call<{ id: string }>('POST', '/api/v1/departments', { key: 'rentals', name: 'Rentals', colour: '#2563eb' }, 201))
    .id;
  await call('PUT', `/api/v1/departments/${rentals}/exception-budget`, { maxCount: 2, maxAmount: 60, currency: 'EUR' });
  const rule = (name: string, text: string, phrases: string[]) =>
    call<{ id: string }>('POST', '/api/v1/rules', { name, text, departmentId: rentals, ownerId: ids[owner.email], phrases }, 201);
  lateFee = (
    await rule('Late-return charge', 'Skis returned after 17:00 cost one more day of rental.', [
      'late fee',
      'frais de retard',
      'Verspätungsgebühr',
    ])
  ).id;
  const helmet = (await rule('Helmet deposit', 'A helmet costs a 50 EUR deposit.', ['helmet deposit'])).id;
  // Five complaints, each tagged to the rule its words suggest (a person confirms the suggestion).
  for (const c of complainers) {
    const { words, locale, ...customer } = c;
    const r = await call<{ complaint: { id: string; caseId: string } }>('POST', '/api/v1/complaints', {
      customer: { ...customer, locale },
      body: words,
      source: 'support',
      occurredAt: new Date(Date.now() - 3 * day).toISOString(),
    });
    cases.push(r.complaint.caseId);
    const suggested = await call<{ items: { ruleId: string }[] }>('GET', `/api/v1/rules/suggestions?kind=complaint&id=${r.complaint.id}`);
    expect(suggested.items.map((s) => s.ruleId)).toEqual([lateFee]);
    await call('POST', `/api/v1/rules/${lateFee}/friction`, { kind: 'complaint', id: r.complaint.id, suggested: true }, 201);
  }
  const other = await call<{ complaint: { id: string; caseId: string } }>('POST', '/api/v1/complaints', {
    customer: { externalId: 'ar-9', email: 'noor@skier.example', name: 'Noor Haddad' },
    body: 'Fifty euros of helmet deposit is steep.',
    source: 'support',
  });
  noorCase = other.complaint.caseId;
  await call('POST', `/api/v1/rules/${helmet}/friction`, { kind: 'complaint', id: other.complaint.id }, 201);
  // Kofi bends the rule three times from his session; the third is over his budget and asks a manager.
  const kofi = await signInThroughApi(kept.url, agent);
  const bend = async (caseId: string, askApproval: boolean) =>
    fetch(`${kept!.url}/api/v1/rules/${lateFee}/exceptions`, {
      method: 'POST',
      headers: kofi,
      body: JSON.stringify({
        caseId,
        what: 'Waived the late-return day',
        why: 'Late because of us',
        cost: { amount: 25, currency: 'EUR' },
        askApproval,
      }),
    });
  expect((await bend(cases[0]!, false)).status).toBe(201);
  expect((await bend(cases[1]!, false)).status).toBe(201);
  expect((await bend(cases[2]!, false)).status).toBe(409); // over budget: refused unless a manager is asked
  expect((await bend(cases[2]!, true)).status).toBe(202);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kept?.stop();
  await smtp?.close();
});

describe('the dumb rule', () => {
  it('a manager approves the over-budget exception in his own session; the rule tops the ranking', async () => {
    const mateo = await staffPage(approver);
    await mateo.goto(`${kept!.url}/rules`);
    const rows = mateo.getByRole('table', { name: 'Rules by friction, worst first' }).getByRole('row');
    await rows.nth(1).getByRole('link', { name: 'Late-return charge' }).waitFor(soon);
    await rows.nth(1).getByRole('link', { name: 'Late-return charge' }).click();
    const exceptions = mateo.getByRole('region', { name: /Exceptions/ });
    await exceptions.getByText('waiting for a manager').waitFor(soon);
    await exceptions.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => await exceptions.getByText('approved', { exact: true }).count(), soon).toBe(1);
    const approved = await call<{ items: { status: string; approvedBy: string | null }[] }>(
      'GET',
      `/api/v1/rule-exceptions?ruleId=${lateFee}`,
    );
    expect(approved.items.map((x) => x.status).sort()).toEqual(['approved', 'within_budget', 'within_budget']);
    const ranking = await call<{
      items: { ruleId: string; friction: number; figures: { complaints: number; exceptions: number; customers: number; cost: number } }[];
    }>('GET', `/api/v1/rules/ranking?from=${new Date(Date.now() - 30 * day).toISOString()}&to=${new Date(Date.now() + day).toISOString()}`);
    expect(ranking.items[0]).toMatchObject({
      ruleId: lateFee,
      friction: 8,
      figures: { complaints: 5, exceptions: 3, customers: 5, cost: 75 },
    });
    await expectNoAxeViolations(mateo, 'the rule page with its exceptions');
    await mateo.context().close();
  });

  it('is reviewed with the customers’ input: the five complainers are asked once, three answer on their page', async () => {
    const mateo = await staffPage(approver);
    await mateo.goto(`${kept!.url}/rules/${lateFee}`);
    await mateo.getByLabel('Due').fill(new Date(Date.now() + 14 * day).toISOString().slice(0, 10));
    await mateo.getByRole('button', { name: 'Send to review' }).click();
    const ask = mateo.getByRole('form', { name: 'Ask the customers' });
    await ask.waitFor(soon);
    expect(await ask.getByLabel('Question in French').inputValue()).toContain('« Late-return charge »');
    // The optional period: an end before the start is refused in the form, nothing is sent.
    await ask.getByLabel('From', { exact: true }).fill('2026-03-02T10:00');
    await ask.getByLabel('Until', { exact: true }).fill('2026-03-01T10:00');
    await ask.getByRole('button', { name: 'Send the question' }).click();
    await ask.getByText('The end must be after the start.').waitFor(soon);
    await ask.getByLabel('From', { exact: true }).fill('');
    await ask.getByLabel('Until', { exact: true }).fill('');
    await ask.getByLabel('Question in English').fill('What would a fair rule for late returns look like to you?');
    await ask.getByRole('button', { name: 'Send the question' }).click();
    const counts = mateo.getByRole('status', { name: 'Question counts' });
    await counts.waitFor(soon);
    expect(await counts.innerText()).toMatch(/^5 customers asked · 5 sent · 0 held by the guard/);
    const again = await fetch(`${kept!.url}/api/v1/rules/${lateFee}/review/question`, {
      method: 'POST',
      headers: await signInThroughApi(kept!.url, approver),
      body: JSON.stringify({ texts: { en: 'Twice?' } }),
    });
    expect(again.status).toBe(409);
    await mateo.context().close();

    // Each complainer gets exactly one question, in their language; three answer.
    for (const c of complainers)
      await expect.poll(async () => (await received(c.email)).filter((m) => oneQuestion.test(m.subject)).length, soon).toBe(1);
    const answers: [number, string, boolean][] = [
      [0, 'Eine Stunde Kulanz, dann stundenweise.', true],
      [1, 'Une tolérance d’une heure quand la navette est en retard.', false], // no JavaScript at all
      [2, 'Charge by the hour, not by the day.', true],
    ];
    for (const [i, answer, js] of answers) {
      const c = complainers[i]!;
      const mail = (await received(c.email)).find((m) => oneQuestion.test(m.subject))!;
      expect(mail.text).toContain(c.words);
      const link = new URL(/https?:\/\/\S+\/q\/[\w-]+\.[\w-]+/.exec(mail.text)![0]);
      const context = await browser!.newContext({ javaScriptEnabled: js, viewport: { width: 390, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${kept!.url}${link.pathname}`);
      await page.locator('textarea[name="answer"]').fill(answer);
      await page.locator('button[type="submit"]').click();
      await page.getByRole('status').waitFor(soon);
      if (i === 2) await expectNoAxeViolations(page, 'the question page');
      await context.close();
    }
    const evidence = await call<{ question: { counts: { answered: number }; answers: { answer: string; words: string }[] } }>(
      'GET',
      `/api/v1/rules/${lateFee}/review`,
    );
    expect(evidence.question.counts.answered).toBe(3);
    expect(evidence.question.answers.map((a) => a.words).sort()).toEqual(
      complainers
        .slice(0, 3)
        .map((c) => c.words)
        .sort(),
    );
  });

  it('is changed by its owner in the web app, and each complainer receives exactly one “you said, we did”', async () => {
    const signe = await staffPage(owner);
    await signe.goto(`${kept!.url}/rules/${lateFee}`);
    const answers = signe.getByRole('list', { name: 'Answers' });
    await answers.getByText('Charge by the hour, not by the day.').waitFor(soon);
    expect(await answers.getByRole('listitem').count()).toBe(3);
    await signe.getByRole('radio', { name: 'change' }).check();
    await signe
      .getByLabel('New text')
      .fill('Skis returned after 17:00 cost one hour per hour late; an hour of grace when our shuttle or lifts run late.');
    await signe
      .getByLabel('Reason')
      .fill('Five complaints, three exceptions and the customers’ own answers: charge by the hour, with grace.');
    await signe.getByRole('button', { name: 'End review' }).click();
    await signe.getByRole('heading', { level: 1, name: 'Late-return charge' }).waitFor(soon);
    await signe.getByText('Version 2 · changed').waitFor(soon);
    await signe.getByRole('button', { name: 'Mark done and tell 5 customers' }).click();
    await signe.getByRole('dialog').getByRole('button', { name: 'Mark done and tell 5 customers' }).click();
    await signe.getByRole('status').filter({ hasText: '5 told' }).waitFor(soon);
    await expectNoAxeViolations(signe, 'the changed rule');

    const review = await call<{ review: { improvementId: string } }>('GET', `/api/v1/rules/${lateFee}/review`);
    const told = async () => {
      let n = 0;
      for (const c of complainers) n += (await received(c.email)).filter((m) => youSaidWeDid.test(m.subject)).length;
      return n;
    };
    await expect.poll(told, soon).toBe(5);
    for (const c of complainers) {
      const mine = (await received(c.email)).filter((m) => youSaidWeDid.test(m.subject));
      expect(mine, c.email).toHaveLength(1);
      expect(mine[0]!.text).toContain(c.words);
    }
    expect((await received('noor@skier.example')).filter((m) => youSaidWeDid.test(m.subject))).toEqual([]);
    // Touching the improvement again tells nobody twice.
    await call('POST', `/api/v1/improvements/${review.review.improvementId}/done`, undefined, 409);
    await call('POST', `/api/v1/improvements/${review.review.improvementId}/feedback`, { items: [{ kind: 'case', id: cases[0] }] }, 409);
    await expect
      .poll(
        async () =>
          (await call<{ items: { kind: string; status: string }[] }>('GET', '/api/v1/mails?limit=200')).items.filter(
            (m) => m.status === 'queued',
          ).length,
        soon,
      )
      .toBe(0);
    expect(await told()).toBe(5);
    await signe.context().close();
  });

  it('shows “You said, we did”: the change done with its counts; a new improvement gets a customer’s words from her case', async () => {
    const signe = await staffPage(owner);
    await signe.goto(`${kept!.url}/learning/improvements`);
    const list = signe.getByRole('list', { name: 'Improvements' });
    const changed = list.getByRole('article', { name: 'Late-return charge: changed' });
    await changed.waitFor(soon);
    expect(await changed.locator('header').textContent()).toBe('Late-return charge: changedDone');
    expect(await changed.getByRole('definition').allTextContents()).toEqual(['5 customers', '5', '0', expect.any(String)]);
    await expectNoAxeViolations(signe, 'the improvements list');
    await signe.getByRole('button', { name: 'Planned', exact: true }).click();
    await signe.getByRole('heading', { name: 'No planned improvements' }).waitFor(soon);

    // A new one: the form refuses an empty title and no told text beside their fields, then records it.
    await signe.getByRole('button', { name: 'New improvement' }).click();
    const form = signe.getByRole('dialog', { name: 'New improvement' });
    await form.getByRole('button', { name: 'Record improvement' }).click();
    await form.getByText('Give the improvement a title').waitFor(soon);
    await form.getByText('Write what customers will be told, in at least one language').waitFor(soon);
    await form.getByLabel('Title').fill('Helmet deposit halved');
    await form.getByLabel('What changed (optional)').fill('The helmet deposit goes from 50 to 25 EUR.');
    await form.getByLabel('English').fill('The helmet deposit is now 25 EUR.');
    await form.getByLabel('French').fill('La caution du casque est désormais de 25 EUR.');
    await form.getByRole('button', { name: 'Record improvement' }).click();
    await signe.getByRole('heading', { level: 1, name: 'Helmet deposit halved' }).waitFor(soon);
    const improvementUrl = signe.url();

    // Noor's words, from her case page.
    await signe.goto(`${kept!.url}/cases/${noorCase}`);
    const words = signe.getByRole('region', { name: 'In Noor Haddad’s words' });
    await words.getByText('Fifty euros of helmet deposit is steep.').waitFor(soon);
    await words.getByRole('button', { name: 'Add to an improvement' }).click();
    const pick = signe.getByRole('dialog', { name: 'Add to an improvement' });
    await pick.getByLabel('Improvement').selectOption({ label: 'Helmet deposit halved' });
    await pick.getByRole('button', { name: 'Add', exact: true }).click();
    await words.getByRole('status').filter({ hasText: 'Added to Helmet deposit halved.' }).waitFor(soon);
    await words.getByRole('link', { name: 'Helmet deposit halved' }).click();

    await signe.getByRole('heading', { level: 1, name: 'Helmet deposit halved' }).waitFor(soon);
    expect(signe.url()).toBe(improvementUrl);
    const feedback = signe.getByRole('list', { name: 'Feedback' });
    await feedback.getByText('Fifty euros of helmet deposit is steep.').waitFor(soon);
    expect(await feedback.getByRole('link', { name: 'Noor Haddad' }).getAttribute('href')).toMatch(/^\/customers\//);
    expect(await feedback.getByRole('link', { name: 'the case' }).getAttribute('href')).toBe(`/cases/${noorCase}`);
    await signe.getByText('La caution du casque est désormais de 25 EUR.').waitFor(soon);
    await expectNoAxeViolations(signe, 'an improvement');
    await signe.getByRole('button', { name: 'Mark done and tell 1 customer' }).click();
    await signe.getByRole('dialog').getByRole('button', { name: 'Mark done and tell 1 customer' }).click();
    await signe.getByRole('status').filter({ hasText: '1 told' }).waitFor(soon);
    await expect.poll(async () => (await received('noor@skier.example')).filter((m) => youSaidWeDid.test(m.subject)).length, soon).toBe(1);
    const [mail] = (await received('noor@skier.example')).filter((m) => youSaidWeDid.test(m.subject));
    expect(mail!.text).toContain('Fifty euros of helmet deposit is steep.');
    expect(mail!.text).toContain('The helmet deposit is now 25 EUR.');
    await signe.getByRole('link', { name: '← You said, we did' }).click();
    await signe.getByRole('button', { name: 'Done', exact: true }).click();
    await list.getByRole('article', { name: 'Helmet deposit halved' }).waitFor(soon);
    await signe.context().close();
  });
});
