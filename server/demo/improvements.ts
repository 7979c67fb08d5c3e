// "You said, we did" under way in the demo: one improvement done — its customers told, with the
// counts — and one planned, holding the words of several customers who will be told when it is
// done. The feedback is the demo's own low answers, matched by what the customers wrote. Run
// again, it finds both by title and adds nothing.
import type { Response } from '../../contract/answers.ts';
import type { ImprovementSummary } from '../../contract/learning-review.ts';
import type { Db } from '../storage/database.ts';
import { createImprovement, listImprovements, markImprovementDone } from '../domain/learning/improvements.ts';
import { listResponses } from '../domain/signals/response-list.ts';
import { clockAt, type DemoDeps } from './timeline.ts';

export interface ImprovementsLoaded {
  planned: number;
  plannedCustomers: number;
  done: number;
  told: number;
  notTold: number;
  bounced: number;
}

const day = 86_400_000;
const stories = [
  {
    title: 'One person owns your problem until it is solved',
    description:
      'Every case now has a named owner from the first message; hand-offs between departments are rated by the team receiving them.',
    toldText: {
      en: 'A case now has one named person who owns it from your first message until it is solved — no more repeating yourself.',
      fr: 'Chaque dossier a désormais une personne nommée qui s’en occupe, de votre premier message à sa résolution : plus besoin de vous répéter.',
      de: 'Jeder Fall hat jetzt eine namentlich zuständige Person, von Ihrer ersten Nachricht bis zur Lösung – Sie müssen nichts mehr wiederholen.',
    },
    words: /support|call|repeat|owned|took a while|billing|invoice/i,
    customers: 3,
    createdDaysAgo: 30,
    doneDaysAgo: 6,
  },
  {
    title: 'A message when the carrier holds your parcel',
    description: 'The tracking alert for held parcels is switched on for every route, and the customer gets a message the same day.',
    toldText: {
      en: 'When the carrier holds your parcel, we now write to you the same day, with the new delivery date.',
      fr: 'Quand le transporteur retient votre colis, nous vous écrivons désormais le jour même, avec la nouvelle date de livraison.',
      de: 'Wenn der Zusteller Ihr Paket zurückhält, schreiben wir Ihnen jetzt noch am selben Tag, mit dem neuen Liefertermin.',
    },
    words: /late|later|tracking|parcel|driver|delivery|door|damaged/i,
    customers: 4,
    createdDaysAgo: 3,
    doneDaysAgo: null,
  },
] as const;

async function existing(db: Db, workspaceId: string): Promise<Map<string, ImprovementSummary>> {
  const out = new Map<string, ImprovementSummary>();
  for (let cursor: string | undefined; ;) {
    const page = await listImprovements(db, workspaceId, { limit: 200, cursor });
    for (const i of page.items) out.set(i.title, i);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

/** Below this, an answer is a complaint in the customer's words (demo/answers.ts writes them so): NPS 0–6, CSAT 1–3, CES 1–5. */
const unhappyBelow: Record<Response['kind'], number> = { nps: 7, csat: 4, ces: 6 };

/** Unhappy answers with words, newest first, at most one per customer. */
async function lowAnswers(db: Db, workspaceId: string): Promise<Response[]> {
  const seen = new Set<string>();
  const out: Response[] = [];
  for (let cursor: string | undefined, pages = 0; pages < 10; pages++) {
    const page = await listResponses(db, workspaceId, { scoreMax: 6, includeHandPicked: false, limit: 200, cursor });
    for (const r of page.items) {
      if (!r.reason || r.score >= unhappyBelow[r.kind] || seen.has(r.customer.id)) continue;
      seen.add(r.customer.id);
      out.push(r);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export async function improvementsStory(d: DemoDeps, manager: { id: string } | undefined): Promise<ImprovementsLoaded> {
  const { db, workspaceId } = d;
  let found = await existing(db, workspaceId);
  if (manager && stories.some((s) => !found.has(s.title))) {
    let answers = await lowAnswers(db, workspaceId);
    for (const s of stories) {
      if (found.has(s.title)) continue;
      // The answers whose words fit, else any low answer with words: several customers either way.
      const fits = answers.filter((a) => s.words.test(a.reason!));
      const picked = [...fits, ...answers.filter((a) => !fits.includes(a))].slice(0, s.customers);
      answers = answers.filter((a) => !picked.includes(a));
      const created = await createImprovement(db, clockAt(d.now - s.createdDaysAgo * day), workspaceId, manager.id, {
        title: s.title,
        description: s.description,
        toldText: s.toldText,
        feedback: picked.map((a) => ({ kind: 'answer' as const, id: a.id })),
      });
      if (s.doneDaysAgo !== null) await markImprovementDone(db, clockAt(d.now - s.doneDaysAgo * day), workspaceId, manager.id, created.id);
    }
    found = await existing(db, workspaceId);
  }
  const mine = stories.map((s) => found.get(s.title)).filter((i) => i !== undefined);
  const planned = mine.filter((i) => i.status === 'planned');
  const done = mine.filter((i) => i.status === 'done');
  return {
    planned: planned.length,
    plannedCustomers: planned.reduce((n, i) => n + i.counts.raised, 0),
    done: done.length,
    told: done.reduce((n, i) => n + i.counts.told, 0),
    notTold: done.reduce((n, i) => n + i.counts.notTold, 0),
    bounced: done.reduce((n, i) => n + i.counts.bounced, 0),
  };
}
