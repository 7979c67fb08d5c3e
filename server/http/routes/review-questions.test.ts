// The review asks the customers behind a rule's friction one question: each distinct customer once,
// in their language, through the outbox (the guard holds one, an unsubscribed one and one without an
// address are counted, not written to); they answer on /q/TOKEN without script; the answers join the
// evidence. Named errors for an empty or long question, a second ask, a closed review, bad and
// expired links.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { createSettingsCache } from '../../domain/signals/signal-settings.ts';
import { unsubscribeUrl } from '../../domain/signals/unsubscribe.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
const clock = manualClock(new Date('2026-05-04T09:00:00Z'));
const day = 86_400_000;
let rule: string;
const who: Record<string, { customerId: string; words: string }> = {};

const questionMails = async () =>
  (
    await sql<{ customer_id: string; to_address: string; subject: string; text: string; html: string }>`
      SELECT customer_id, to_address, subject, text, html FROM mails WHERE workspace_id = ${w.wsId} AND kind = 'review_question'`.execute(
      t.db,
    )
  ).rows;
const linkOf = (text: string) => /\/q\/[A-Za-z0-9_.-]+/.exec(text)![0];
const post = (path: string, answer: string) =>
  w.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ answer }).toString(),
  });
const ask = (body: unknown, as: string = w.manager) => w.as(as, 'POST', `/api/v1/rules/${rule}/review/question`, body);

beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
  rule = (
    await w.as(w.manager, 'POST', '/api/v1/rules', {
      name: 'Proof of purchase for repairs',
      text: 'No repair under warranty without the till receipt.',
      ownerId: w.boss.id,
    })
  ).body.id;
  const said: [string, Record<string, unknown>, string][] = [
    ['odile', { locale: 'fr-CH' }, 'Pas de réparation sans ticket de caisse, alors que vous avez ma commande en ligne.'],
    ['jonas', { locale: 'de' }, 'Die Quittung ist verblasst, und jetzt keine Reparatur?'],
    ['priya', {}, 'You sold it to me: you know I bought it.'],
    ['held', {}, 'My receipt went through the wash.'],
    ['quiet', {}, 'Receipts fade, your rule does not.'],
    ['nomail', { email: undefined }, 'I paid cash and never kept paper.'],
  ];
  for (const [name, customer, words] of said) {
    const c = await w.complaint(
      words,
      { externalId: `q-${name}`, name: name, ...customer },
      { occurredAt: new Date(clock.now().getTime() - 2 * day).toISOString() },
    );
    who[name] = { customerId: c.customerId, words };
    expect((await w.as(w.ana, 'POST', `/api/v1/rules/${rule}/friction`, { kind: 'complaint', id: c.id })).status).toBe(201);
  }
  // Priya complained twice: she is asked once, about her latest words.
  const again = await w.complaint(
    'Still no repair. Still no receipt.',
    { externalId: 'q-priya' },
    { occurredAt: new Date(clock.now().getTime() - day).toISOString() },
  );
  expect((await w.as(w.ana, 'POST', `/api/v1/rules/${rule}/friction`, { kind: 'complaint', id: again.id })).status).toBe(201);
  who.priya!.words = 'Still no repair. Still no receipt.';
  // "quiet" unsubscribed; the guard holds questions to customers with an open legal dispute ("held").
  const secret = (await createSettingsCache(t.db, clock).get(w.wsId)).linkSecret;
  const unsub = await w.app.request(new URL(unsubscribeUrl('https://kept.test', secret, w.wsId, who.quiet!.customerId)).pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(unsub.status).toBeLessThan(300);
  const guard = await w.as(w.manager, 'POST', '/api/v1/guard-rules', {
    name: 'No questions during a legal dispute',
    rule: {
      messageKinds: ['review_question'],
      heldWhen: { eventTypes: ['dispute.opened'], withinDays: 90 },
      task: { department: 'returns', title: 'Question held for {customerName}' },
    },
  });
  expect(guard.status).toBe(201);
  const ev = await w.as(w.manager, 'POST', '/api/v1/events', {
    events: [
      { type: 'dispute.opened', customer: { externalId: 'q-held' }, occurredAt: clock.now().toISOString(), source: 'legal', data: {} },
    ],
  });
  expect(ev.status).toBe(201);
});
afterAll(() => t.drop());

describe('POST /api/v1/rules/{id}/review/question', () => {
  it('needs an open review: a rule never reviewed is not found, and nothing is sent', async () => {
    const r = await ask({ texts: { en: 'Anything?' } });
    expect(r.status).toBe(404);
    expect(await questionMails()).toEqual([]);
  });

  it('refuses an empty question and one too long by name, and agents', async () => {
    const opened = await w.as(w.manager, 'POST', `/api/v1/rules/${rule}/review`, {
      dueAt: new Date(clock.now().getTime() + 14 * day).toISOString(),
    });
    expect(opened.status).toBe(201);
    const evidence = (await w.as(w.ana, 'GET', `/api/v1/rules/${rule}/review`)).body;
    expect(evidence.question).toBeNull();
    expect(evidence.questionDefaults.fr).toContain('« Proof of purchase for repairs »');
    for (const texts of [{}, { en: '   ' }, { en: '', fr: ' ' }]) {
      const r = await ask({ texts });
      expect(r.status).toBe(400);
      expect(r.body.error.details.reason).toBe('question_empty');
    }
    const long = await ask({ texts: { en: 'Why? '.repeat(101) } });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toMatchObject({ reason: 'question_too_long', problems: [{ path: ['texts', 'en'] }] });
    expect((await ask({ texts: { en: 'Fine?' } }, w.agentToken)).status).toBe(403);
    expect(await questionMails()).toEqual([]);
  });

  it('asks each distinct customer once, in their language, quoting them; counts the held, the unsubscribed and the one without an address', async () => {
    const r = await ask({
      texts: { en: 'What would make proving a purchase easy for you?', fr: 'Qu’est-ce qui vous faciliterait la preuve d’achat ?' },
    });
    expect(r.status).toBe(201);
    expect(r.body.counts).toEqual({ asked: 6, sent: 3, held: 1, cancelled: 0, noAddress: 1, unsubscribed: 1, answered: 0 });
    const mails = await questionMails();
    expect(mails.map((m) => m.customer_id).sort()).toEqual([who.odile, who.jonas, who.priya].map((c) => c!.customerId).sort());
    const fr = mails.find((m) => m.customer_id === who.odile!.customerId)!;
    expect(fr.subject).toBe('Une question sur « Proof of purchase for repairs »');
    expect(fr.text).toContain(`vous nous avez écrit : « ${who.odile!.words} »`);
    expect(fr.text).toContain('Qu’est-ce qui vous faciliterait la preuve d’achat ?');
    const de = mails.find((m) => m.customer_id === who.jonas!.customerId)!;
    expect(de.subject).toBe('Eine Frage zu „Proof of purchase for repairs“');
    expect(de.text).toContain('What would make proving a purchase easy for you?'); // no German text: English
    expect(mails.find((m) => m.customer_id === who.priya!.customerId)!.text).toContain(who.priya!.words);
    const again = await ask({ texts: { en: 'Once more?' } });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('question_asked');
    expect(await questionMails()).toHaveLength(3);
  });

  it('takes the answer on the page without script; a second replaces the first; the evidence shows their words', async () => {
    const mail = (await questionMails()).find((m) => m.customer_id === who.odile!.customerId)!;
    const link = linkOf(mail.text);
    const page = await w.app.request(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Qu’est-ce qui vous faciliterait la preuve d’achat ?');
    expect(html).not.toContain('<script');
    const empty = await post(link, '  ');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Écrivez d’abord votre réponse.');
    const tooLong = await post(link, 'x'.repeat(2001));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('trop longue');
    const first = await post(link, 'Acceptez la confirmation de commande par e-mail.');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`${link}?answered=1`);
    expect(await (await w.app.request(`${link}?answered=1`)).text()).toContain('Merci');
    clock.advance(60_000);
    expect((await post(link, 'Acceptez la confirmation de commande, ou mon numéro de client.')).status).toBe(303);
    const jonas = linkOf((await questionMails()).find((m) => m.customer_id === who.jonas!.customerId)!.text);
    expect((await post(jonas, 'Die Seriennummer genügt doch.')).status).toBe(303);
    const ev = (await w.as(w.ana, 'GET', `/api/v1/rules/${rule}/review`)).body;
    expect(ev.question.counts).toMatchObject({ asked: 6, sent: 3, answered: 2 });
    expect(ev.question.answers).toHaveLength(2);
    expect(ev.question.answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          customerId: who.odile!.customerId,
          words: who.odile!.words,
          answer: 'Acceptez la confirmation de commande, ou mon numéro de client.',
        }),
        expect.objectContaining({ customerId: who.jonas!.customerId, words: who.jonas!.words, answer: 'Die Seriennummer genügt doch.' }),
      ]),
    );
  });

  it('answers a forged, tampered or unknown link with a 404 page', async () => {
    const link = linkOf((await questionMails())[0]!.text);
    const flipped = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
    for (const bad of [flipped, '/q/not-a-token', '/q/']) {
      const r = await w.app.request(bad);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect((await post(bad, 'hello')).status).toBe(404);
    }
  });

  it('closes the question after 30 days (410), and when the review ends (409); a closed review asks nothing', async () => {
    const priya = linkOf((await questionMails()).find((m) => m.customer_id === who.priya!.customerId)!.text);
    clock.advance(31 * day);
    const late = await post(priya, 'Too late?');
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('This question has closed');
    clock.advance(-31 * day);
    const closed = await w.as(w.boss, 'POST', `/api/v1/rules/${rule}/review/close`, { outcome: 'keep', reason: 'Fraud is real' });
    expect(closed.status).toBe(200);
    const after = await post(priya, 'Hello?');
    expect(after.status).toBe(409);
    expect(await after.text()).toContain('The review has ended');
    expect((await w.app.request(priya)).status).toBe(409);
    const r = await ask({ texts: { en: 'And now?' } });
    expect(r.status).toBe(409);
    expect(r.body.error.details.reason).toBe('review_closed');
    const ev = (await w.as(w.ana, 'GET', `/api/v1/rules/${rule}/review`)).body;
    expect(ev.question.counts.answered).toBe(2);
  });
});
