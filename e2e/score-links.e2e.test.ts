// A click on a score in a survey mail counts; a mail scanner fetching every link does not
// (docs/score-links.md). A real `kept start` sends real invitation mails (to its preview); their
// score links are followed the two ways that matter:
//   - a person: Chromium opens one score link and the page is closed at once, no submit
//     -> one answer, with that score, in the responses and the scores, about 30 s later;
//   - a scanner: all eleven score links fetched within a second, each page's image loaded too
//     (a scanner that renders pages) -> no answer at all, not in the responses, not in the scores.
// The answer is provisional for 30 seconds (the scanner window), so this file waits that long once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signInThroughApi } from './staff-app.ts';
import { startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
let kept: RunningKept | undefined;
let browser: Browser | undefined;
let staff: Record<string, string> = {};
let surveyId = '';

async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${kept!.url}${path}`, { method, headers: staff, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
  return json as T;
}

interface Invited {
  customerId: string;
  invitationId: string;
  /** score -> the link in the mail */
  links: Map<number, string>;
}

/** Invites a customer by e-mail and reads the score links out of the mail Kept sent (its preview). */
async function inviteByMail(externalId: string): Promise<Invited> {
  const inv = await api<{ id: string; customerId: string }>('POST', `/api/v1/surveys/${surveyId}/invitations`, {
    customer: { externalId, email: `${externalId}@example.com`, name: externalId },
    channel: 'email',
  });
  let html = '';
  await expect
    .poll(
      async () => {
        const mails = await api<{ items: { id: string; to: string; status: string }[] }>('GET', '/api/v1/mails?limit=100');
        const mail = mails.items.find((m) => m.to === `${externalId}@example.com`);
        if (!mail) return false;
        html = (await api<{ html: string }>('GET', `/api/v1/mails/${mail.id}`)).html;
        return true;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const links = new Map<number, string>();
  for (const m of html.matchAll(/href="([^"]*\/s\/[^"?]+\?score=(\d+))"/g)) links.set(Number(m[2]), m[1]!.replaceAll('&amp;', '&'));
  expect([...links.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  return { customerId: inv.customerId, invitationId: inv.id, links };
}

const answersOf = async (customerId: string) =>
  (
    await api<{ items: { type: string; data: { score: number; invitationId: string } }[] }>(
      'GET',
      `/api/v1/customers/${customerId}/timeline`,
    )
  ).items.filter((e) => e.type === 'response.created' || e.type === 'response.updated');
const responses = async () =>
  (
    await api<{ items: { score: number; customer: { id: string } }[] }>(
      'GET',
      `/api/v1/responses?surveyId=${surveyId}&includeHandPicked=true&limit=100`,
    )
  ).items;
/** The survey's NPS counts as the dashboards read them (from the score rollups). */
const scoreCounts = async () => {
  const r = await api<{ kinds: { kind: string; everyone: { n: number; counts: Record<string, number> } }[] }>(
    'GET',
    `/api/v1/metrics/scores?kind=nps&surveyId=${surveyId}&includeHandPicked=true`,
  );
  return r.kinds.find((k) => k.kind === 'nps')!.everyone;
};

describe('score links in survey mails', () => {
  beforeAll(async () => {
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    staff = await signInThroughApi(kept.url, admin);
    surveyId = (await api<{ id: string }>('POST', '/api/v1/surveys', { kind: 'nps', name: 'Mail NPS', brand: { name: 'Acme' } })).id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('counts one person’s click (page closed at once) and nothing of a scanner that fetched all eleven links', async () => {
    const person = await inviteByMail('click-person');
    const scanned = await inviteByMail('click-scanned');

    // The person: one click on 3, the page shows, and they close it without sending anything.
    const context = await browser!.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const seen = page.waitForResponse((r) => r.url().includes('/seen/') && r.status() === 200);
    await page.goto(person.links.get(3)!);
    expect(await page.getByRole('radio', { name: /^3/ }).isChecked()).toBe(true);
    expect(await page.getByRole('status').innerText()).toContain('your score is noted');
    await seen;
    await page.close();
    await context.close();

    // The scanner: every score link within a second, and (like a scanner that renders) each page's image.
    const sentAt: number[] = [];
    const pages = await Promise.all(
      [...scanned.links.values()].map(async (url) => {
        sentAt.push(Date.now());
        const res = await fetch(url, { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; LinkScanner/1.0)' } });
        return { status: res.status, html: await res.text() };
      }),
    );
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeLessThan(1000);
    for (const p of pages) {
      const image = /<img class="vh" src="([^"]+)"/.exec(p.html)?.[1];
      if (image) await fetch(new URL(image.replaceAll('&amp;', '&'), scanned.links.get(0)!));
    }
    expect(pages.filter((p) => p.status === 200).length).toBeGreaterThanOrEqual(2);

    // Within the scanner window nothing is an answer yet: not the person's click, not the scanner's.
    expect(await answersOf(person.customerId)).toEqual([]);
    expect(await responses()).toEqual([]);
    expect((await scoreCounts()).n).toBe(0);

    // After the window: the person's click is one answer of 3; the scanner's fetches are none.
    await expect.poll(async () => (await answersOf(person.customerId)).length, { timeout: 60_000, interval: 1000 }).toBe(1);
    const [answer] = await answersOf(person.customerId);
    expect(answer).toMatchObject({ type: 'response.created', data: { score: 3, invitationId: person.invitationId } });
    // A few more seconds: still one answer for the person, none for the scanned customer.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await answersOf(person.customerId)).toHaveLength(1);
    expect(await answersOf(scanned.customerId)).toEqual([]);
    const all = await responses();
    expect(all.map((r) => [r.customer.id, r.score])).toEqual([[person.customerId, 3]]);
    const scores = await scoreCounts();
    expect(scores.n).toBe(1);
    expect(Object.entries(scores.counts).filter(([, n]) => n > 0)).toEqual([['3', 1]]);
  }, 120_000);
});
