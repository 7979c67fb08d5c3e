// The team, end to end on a real `kept start` with a real SMTP server: a manager (not an admin)
// invites an agent into her department from the Team page; the agent sets a password from the
// mailed one-time link, signs in, lands on their inbox and works a case; the admin makes him an
// admin for a while; later the manager deactivates him, and his sessions end, his API token stops
// working, his open case and promise go to the department's round robin, and the case's timeline
// records it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseDetail } from '../contract/cases.ts';
import type { Commitment } from '../contract/commitments.ts';
import type { TeamMember } from '../contract/team.ts';
import { decodeQp, startTestSmtpServer, type TestSmtpServer } from '../test/smtp-server.ts';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, expectNoAxeViolations, launchChromium, newPage, signIn, signInThroughApi } from './staff-app.ts';

const admin = { email: 'maria@example.com', password: 'correct horse battery', name: 'Maria Santos' };
const manager = { email: 'mo.lind@example.com', password: 'a managers password', name: 'Mo Lind' };
const agent = { email: 'ben.okafor@example.com', password: 'a brand new password', name: 'Ben Okafor' };
const soon = { timeout: 20_000 };

let kept: RunningKept | undefined;
let smtp: TestSmtpServer;
let browser: Browser | undefined;
let call: ReturnType<typeof apiWithToken>;

beforeAll(async () => {
  await ensureWebBuilt();
  smtp = await startTestSmtpServer();
  kept = await startKept({ KEPT_SMTP_URL: smtp.url });
  await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
  await kept.cli(['user', 'create', '--email', manager.email, '--password', manager.password, '--name', manager.name, '--role', 'manager']);
  call = apiWithToken(kept.url, (await kept.cli(['token', 'create', '--name', 'shop', '--role', 'admin'])).trim());
  // The manager leads Support.
  const support = (await call<{ items: { id: string; name: string }[] }>('GET', '/api/v1/departments')).items.find(
    (d) => d.name === 'Support',
  )!;
  const mo = (await call<{ items: TeamMember[] }>('GET', '/api/v1/team')).items.find((m) => m.email === manager.email)!;
  await call('PATCH', `/api/v1/team/${mo.id}`, { departmentIds: [support.id] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kept?.stop();
  await smtp?.close();
});

/** The link in the newest mail to `to`, moved onto this Kept's address (the path and the fragment are what count). */
async function linkMailedTo(to: string, subject: string): Promise<URL> {
  await expect
    .poll(() => smtp.received.filter((m) => m.to.includes(to) && m.headers.get('subject') === subject).length, soon)
    .toBeGreaterThan(0);
  const mail = smtp.received.filter((m) => m.to.includes(to) && m.headers.get('subject') === subject).at(-1)!;
  const href = /https?:\/\/\S+\/set-password#token=[A-Za-z0-9_-]+/.exec(decodeQp(mail.body))?.[0];
  expect(href, 'the mail carries a set-password link').toBeDefined();
  const link = new URL(href!);
  return new URL(`${link.pathname}${link.hash}`, kept!.url);
}

describe('the team', () => {
  it('invites an agent who signs in from the mail and works a case; deactivating them hands their work over', async () => {
    const url = kept!.url;
    // The manager opens the Team page and invites Ben into her department, as an agent (the one role she may give).
    const boss: Page = await newPage(browser!);
    await signIn(boss, url, manager);
    await boss.waitForURL(/\/dashboard$/); // managers land on the dashboard
    await boss.getByRole('link', { name: 'Team', exact: true }).click();
    await boss.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    expect(await boss.title()).toBe('Team · Kept');
    const invite = boss.getByRole('region', { name: 'Invite someone' });
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    expect(await invite.getByText('Enter the person’s name').isVisible()).toBe(true);
    await invite.getByLabel('Name').fill(agent.name);
    await invite.getByLabel('E-mail').fill(agent.email);
    expect(await invite.getByLabel('Role').locator('option').allInnerTexts()).toEqual(['Agent']);
    expect(await invite.getByRole('checkbox').count(), 'only her own department is offered').toBe(1);
    await invite.getByRole('checkbox', { name: 'Support' }).check();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await boss
      .getByRole('status')
      .filter({ hasText: `Invitation mailed to ${agent.email}` })
      .waitFor();
    const row = boss.getByRole('row', { name: new RegExp(agent.name) });
    expect(await row.innerText()).toMatch(/Agent\s+Support\s+Invited/);
    await expectNoAxeViolations(boss, 'the team page');
    await boss.screenshot({ path: '/tmp/kept-team.png', fullPage: true });

    // Inviting the same address again is refused with the API's words, next to the field.
    await invite.getByLabel('Name').fill('Ben again');
    await invite.getByLabel('E-mail').fill(agent.email);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    // Without a department she manages, the API refuses a manager's invitation and says why.
    await invite.getByRole('alert').filter({ hasText: 'departments they are in themselves' }).waitFor();
    await invite.getByRole('checkbox', { name: 'Support' }).check();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();

    const team = await call<{ items: TeamMember[] }>('GET', '/api/v1/team');
    const ben = team.items.find((m) => m.email === agent.email)!;
    expect(ben.status).toBe('invited');

    // A case and a promise for Ben, as the shop's systems would make them.
    const reported = await call<{ case: Case; joined: boolean }>(
      'POST',
      '/api/v1/cases',
      {
        customer: { externalId: 'c-100', name: 'Lena Fischer', email: 'lena@example.com' },
        summary: 'Sofa delivered with a torn cushion',
        ownerId: ben.id,
      },
      201,
    );
    const { commitment: promise } = await call<{ commitment: Commitment }>(
      'POST',
      '/api/v1/commitments',
      {
        caseId: reported.case.id,
        what: 'Call Lena back about the cushion',
        kind: 'callback',
        dueAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
        ownerId: ben.id,
      },
      201,
    );

    // Ben opens the link from the mail, sets a password, signs in and lands on his inbox.
    const link = await linkMailedTo(agent.email, 'You are invited to Kept');
    const ag = await newPage(browser!);
    await ag.goto(link.href);
    await ag.getByRole('heading', { name: 'Set your password' }).waitFor();
    await expectNoAxeViolations(ag, 'the set-password page');
    await ag.getByLabel('New password', { exact: true }).fill('too short');
    await ag.getByLabel('Repeat the password').fill('too short');
    await ag.getByRole('button', { name: 'Set password' }).click();
    await ag.getByText('Use at least 10 characters').waitFor();
    await ag.getByLabel('New password', { exact: true }).fill(agent.password);
    await ag.getByLabel('Repeat the password').fill(agent.password);
    await ag.getByRole('button', { name: 'Set password' }).click();
    await ag.getByRole('heading', { name: 'Your password is set' }).waitFor();
    expect(new URL(ag.url()).hash, 'the secret leaves the address bar').toBe('');
    // The link worked once.
    const again = await fetch(`${url}/api/v1/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: link.hash.slice('#token='.length), password: 'another password 123' }),
    });
    expect(again.status).toBe(410);

    await ag.getByRole('link', { name: 'Sign in' }).click();
    await ag.getByLabel('E-mail').fill(agent.email);
    await ag.getByLabel('Password').fill(agent.password);
    await ag.getByRole('button', { name: 'Sign in' }).click();
    await ag.waitForURL(/\/cases\?owner=mine$/); // agents land on their own inbox
    await ag.getByRole('link', { name: /Sofa delivered with a torn cushion/ }).click();
    await ag.getByRole('heading', { level: 1, name: /Sofa delivered with a torn cushion/ }).waitFor();
    const acknowledge = ag.getByRole('region', { name: /Acknowledge and take responsibility/ });
    await acknowledge.getByLabel('Message to the customer (optional)').fill('Lena, the torn cushion is ours to put right.');
    await acknowledge.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => acknowledge.innerText(), soon).toContain(`Done by ${agent.name}`);

    // The manager may not change roles; the admin makes Ben an admin for a while, and he makes an API token for an integration.
    expect(await row.getByRole('button', { name: `Change ${agent.name}` }).count()).toBe(0);
    const top = await newPage(browser!);
    await signIn(top, url, admin);
    await top.goto(`${url}/team`);
    const adminRow = top.getByRole('row', { name: new RegExp(agent.name) });
    await adminRow.getByRole('button', { name: `Change ${agent.name}` }).click();
    const dialog = top.getByRole('dialog', { name: `Change ${agent.name}` });
    await dialog.getByLabel('Role').selectOption('admin');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await top
      .getByRole('status')
      .filter({ hasText: `${agent.name} saved.` })
      .waitFor();
    expect(await adminRow.innerText()).toMatch(/Admin\s+Support\s+Active/);
    await top.close();
    const benHeaders = await signInThroughApi(url, agent);
    const made = await fetch(`${url}/api/v1/tokens`, {
      method: 'POST',
      headers: benHeaders,
      body: JSON.stringify({ name: 'Ben’s script', role: 'agent' }),
    });
    expect(made.status).toBe(201);
    const benToken = ((await made.json()) as { secret: string }).secret;
    const withBenToken = () => fetch(`${url}/api/v1/cases`, { headers: { Authorization: `Bearer ${benToken}` } });
    expect((await withBenToken()).status).toBe(200);
    // While he is an admin the manager is offered nothing on his row; an agent again, she may let him go.
    await boss.reload();
    await row.waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    await call('PATCH', `/api/v1/team/${ben.id}`, { role: 'agent' });
    await boss.reload();

    // The manager deactivates Ben: the page says what happened to his sessions, token and work.
    await row.getByRole('button', { name: `Deactivate ${agent.name}` }).click();
    const confirm = boss.getByRole('dialog', { name: `Deactivate ${agent.name}?` });
    await expectNoAxeViolations(boss, 'the deactivate dialog');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    const said = boss.getByRole('status').filter({ hasText: `${agent.name} is deactivated.` });
    await said.waitFor();
    const text = await said.innerText();
    // Support's round robin: Maria or Mo, whoever is next.
    const after = await call<CaseDetail>('GET', `/api/v1/cases/${reported.case.id}`);
    const members = (await call<{ items: TeamMember[] }>('GET', '/api/v1/team')).items;
    const heir = members.find((m) => m.id === after.ownerId)!;
    expect([admin.email, manager.email]).toContain(heir.email);
    expect(text).toContain('2 sessions ended, 1 API token revoked.');
    expect(text).toContain(`Cases handed over: #${reported.case.number} to ${heir.name}.`);
    expect(text).toContain(`1 open promise handed over: to ${heir.name}.`);
    expect(await row.innerText()).toMatch(/Deactivated/);
    expect(await row.getByRole('button').count()).toBe(0);

    // Ben is out at once: his browser goes to sign-in, his token and his password stop working.
    await ag.reload();
    await ag.waitForURL(/\/sign-in/);
    expect((await withBenToken()).status).toBe(401);
    const signInAgain = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: agent.password }),
    });
    expect(signInAgain.status).toBe(401);

    // His case and promise now belong to the department's next person, and the timeline says why.
    expect((await call<Commitment>('GET', `/api/v1/commitments/${promise.id}`)).ownerId).toBe(heir.id);
    const events = await call<{ items: { type: string; data: Record<string, unknown> }[] }>(
      'GET',
      `/api/v1/customers/${after.customerId}/timeline?type=case.reassigned`,
    );
    expect(events.items.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ previousOwnerId: ben.id, ownerId: heir.id, reason: 'owner_deactivated' }),
    );
    await boss.close();
    await ag.close();
  }, 300_000); // a long story: two people, a mail, a case, a deactivation

  it('mails a reset link from the sign-in page, and the new password works', async () => {
    const url = kept!.url;
    const page = await newPage(browser!);
    await page.goto(`${url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectNoAxeViolations(page, 'the forgot-password page');
    await page.getByLabel('E-mail').fill(manager.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    const link = await linkMailedTo(manager.email, 'Reset your Kept password');
    await page.goto(link.href);
    const fresh = 'a reset password 2026';
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('Repeat the password').fill(fresh);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await signIn(page, url, { email: manager.email, password: fresh });

    // And changed again from the account page, with the current one.
    await page.getByRole('link', { name: manager.name }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByLabel('Current password').fill('not it at all');
    await page.getByLabel('New password', { exact: true }).fill(manager.password);
    await page.getByLabel('Repeat the new password').fill(manager.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The current password is not right' }).waitFor();
    await page.getByLabel('Current password').fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    await expectNoAxeViolations(page, 'the account page');
    await page.close();
  });
});
