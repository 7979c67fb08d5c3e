// The people half of learning in the demo: customers' praise naming Tom and Lina (recognised,
// told to them and their lead), Maya catching Jonas doing great, a quarter of hand-offs between
// support and the warehouse rated both ways, and the team's obsession score. Run again, it adds
// nothing: answers carry idempotency keys, kudos are unique per source and name, hand-offs are
// found by title, and each person answers the obsession score once a quarter.
import type { Survey } from '../../contract/surveys.ts';
import type { Db } from '../storage/database.ts';
import type { Principal } from '../domain/core/principal.ts';
import { recognizeQueuedPraise } from '../domain/learning/answer-praise.ts';
import { listHandOffs, rateHandOff, requestHandOff } from '../domain/learning/hand-offs.ts';
import { answerObsession } from '../domain/learning/obsession.ts';
import { catchSomeone, listKudos } from '../domain/learning/recognition.ts';
import { importResponses } from '../domain/signals/response-import.ts';
import { clockAt, type DemoDeps } from './timeline.ts';

export interface PeopleLoaded {
  kudos: number;
  handOffs: number;
  rated: number;
  obsessionAnswers: number;
}

const praise = [
  { who: 'tom', score: 10, reason: 'Tom walked me through the thermostat set-up on the phone, thank you so much!' },
  { who: 'lina', score: 9, reason: 'Lina fixed the double invoice the same day. Great service.' },
];

/** Ratings the warehouse gets from support, and support from the warehouse, over the last 80 days. */
const ratings = {
  toWarehouse: [5, 4, 4, 5, 3, 4, 2, 5, 4, 4, 5, 3, 4, 5, 4, 1, 4, 5, 4, 4, 3, 5, 4, 4, 5, 4, 2, 4, 5, 4, 4, 5],
  toSupport: [4, 5, 3, 4, 5],
};
const comments: Record<number, string> = {
  1: 'The return was never checked in; the customer got a reminder to return it.',
  2: 'Took four days to confirm the parcel arrived.',
  5: 'Confirmed within the hour, with photos.',
};

export async function peopleStory(db: Db, d: DemoDeps, survey: Survey, departments: Map<string, { id: string }>): Promise<PeopleLoaded> {
  const clock = clockAt(d.now);
  const ws = d.workspaceId;
  const person = (email: string) => d.staff.get(email);
  const maya = person('maya.fischer@kept.local');
  const jonas = person('jonas.berg@kept.local');
  const as = (u: { id: string; role: Principal['role'] }): Principal => ({ workspaceId: ws, role: u.role, kind: 'user', userId: u.id });

  // Praise in customers' own words, found as the recovery worker would find it.
  const day = 86_400_000;
  const imported = await importResponses(
    { db, clock, settings: d.settings, publicUrl: d.publicUrl },
    ws,
    praise.map((p, i) => ({
      surveyId: survey.id,
      customer: {
        externalId: `demo-praise-${p.who}`,
        name: p.who === 'tom' ? 'Ines Moreau' : 'Paul Weber',
        email: `praise-${p.who}@example.com`,
      },
      score: p.score,
      reason: p.reason,
      answers: {},
      answeredAt: new Date(d.now - (i + 2) * day).toISOString(),
      source: 'demo-praise',
      idempotencyKey: `demo:praise:${p.who}`,
    })),
  );
  for (const r of imported.results)
    await recognizeQueuedPraise({ db, clock, publicUrl: d.publicUrl }, { workspaceId: ws, responseId: r.id });
  if (maya && jonas) {
    const caught = (await listKudos(db, ws, { limit: 200, staffId: jonas.id })).items.some((k) => k.source === 'caught');
    if (!caught) {
      await catchSomeone({ db, clock, publicUrl: d.publicUrl }, as(maya), {
        staffId: jonas.id,
        words: 'Drove the replacement hub to a customer whose alarm was down, on a Saturday.',
      });
    }
  }

  // Internal customers: support asks the warehouse to check returns in, and the other way round.
  const support = departments.get('support')?.id;
  const warehouse = departments.get('warehouse')?.id;
  if (support && warehouse && maya) {
    const existing = (await listHandOffs(db, ws, { state: 'all', limit: 200 })).items;
    const plan = [
      ...ratings.toWarehouse.map((r, i) => ({
        requesting: support,
        giving: warehouse,
        rating: r,
        title: `Check in return #${4100 + i}`,
        i,
      })),
      ...ratings.toSupport.map((r, i) => ({
        requesting: warehouse,
        giving: support,
        rating: r,
        title: `Call the customer about parcel #${7300 + i}`,
        i,
      })),
      { requesting: support, giving: warehouse, rating: null, title: 'Check in return #4190 (Rosa’s hub)', i: 40 },
    ];
    for (const h of plan) {
      if (existing.some((x) => x.title === h.title)) continue;
      const at = clockAt(d.now - (80 - 2 * h.i) * day);
      const made = await requestHandOff({ db, clock: at }, as(maya), {
        requestingDepartmentId: h.requesting,
        givingDepartmentId: h.giving,
        title: h.title,
      });
      if (h.rating !== null) {
        await rateHandOff({ db, clock: clockAt(at.now().getTime() + day) }, as(maya), made.id, {
          rating: h.rating,
          comment: comments[h.rating],
        });
      }
    }
  }

  // The obsession score: every member of staff but the admins answers this quarter.
  const tens = [
    'Call customers back when we say we will.',
    'Billing should see returns the moment the warehouse does.',
    'Fewer forms, more judgement.',
  ];
  let answers = 0;
  for (const [i, u] of [...d.staff.values()].entries()) {
    if (u.role === 'admin') continue;
    try {
      await answerObsession(db, clock, as(u), { score: [7, 8, 6, 9, 7, 8][i % 6]!, toBeATen: tens[i % tens.length] });
      answers++;
    } catch {
      // answered this quarter already (a second run)
    }
  }
  const all = await listHandOffs(db, ws, { state: 'all', limit: 200 });
  return {
    kudos: (await listKudos(db, ws, { limit: 200 })).items.length,
    handOffs: all.items.length,
    rated: all.items.filter((h) => h.rating !== null).length,
    obsessionAnswers: answers,
  };
}
