// Reading commitments: the ledger (filtered, keyset-paged), one commitment with its history, what
// the team achieved for similar promises (the suggestion), and each team's kept rate.
import { z } from 'zod';
import {
  commitmentWindowDays,
  type Commitment,
  type CommitmentDetail,
  type CommitmentListQuery,
  type CommitmentStats,
  type Suggestion,
} from '../../../contract/commitments.ts';
import * as stats from '../../storage/commitment-stats.ts';
import * as store from '../../storage/commitments.ts';
import type { Db } from '../../storage/database.ts';
import type { Clock } from '../core/clock.ts';
import { achieved, outcomeFigures } from './commitment-stats.ts';
import { noticesOfCommitments } from './commitment-notices.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { notFound } from '../core/errors.ts';
import { isUuid } from '../../lib/ids.ts';

const dayMs = 86_400_000;

const by = (userId: string | null, tokenId: string | null) => ({ userId, tokenId });

function present(r: store.CommitmentListing, notices: Map<string, Commitment['notices']>): Commitment {
  return {
    id: r.id,
    customerId: r.customerId,
    customer: { name: r.customerName, email: r.customerEmail, externalId: r.customerExternalId },
    what: r.what,
    kind: r.kind,
    status: r.status,
    madeAt: r.madeAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    firstDueAt: r.firstDueAt.toISOString(),
    renegotiations: r.renegotiations,
    ownerId: r.ownerId,
    departmentId: r.departmentId,
    caseId: r.caseId,
    madeBy: { via: r.madeVia, userId: r.madeByUser, tokenId: r.madeByToken, source: r.source },
    keptAt: r.keptAt?.toISOString() ?? null,
    keptBy: r.keptAt ? by(r.keptByUser, r.keptByToken) : null,
    keptOnTime: r.keptAt ? r.keptAt.getTime() <= r.firstDueAt.getTime() : null,
    brokenAt: r.brokenAt?.toISOString() ?? null,
    oopsCaseId: r.oopsCaseId,
    tellCustomer: r.tellCustomer,
    notices: notices.get(r.id) ?? [],
  };
}

async function presentAll(db: Db, workspaceId: string, rows: store.CommitmentListing[]): Promise<Commitment[]> {
  const notices = await noticesOfCommitments(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, notices));
}

/** These commitments as the API shows them, in due order. */
export async function presentCommitments(db: Db, workspaceId: string, ids: string[]): Promise<Commitment[]> {
  const rows = await store.listCommitments(db, workspaceId, { ids, order: 'asc', limit: ids.length });
  return presentAll(db, workspaceId, rows);
}

export async function getCommitment(db: Db, workspaceId: string, id: string): Promise<CommitmentDetail> {
  const [c] = isUuid(id) ? await presentCommitments(db, workspaceId, [id]) : [];
  if (!c) throw notFound('The commitment');
  const history = (await store.changesOf(db, workspaceId, id)).map((h) => ({
    change: h.change,
    at: h.at.toISOString(),
    recordedAt: h.recordedAt.toISOString(),
    dueAt: h.dueAt.toISOString(),
    previousDueAt: h.previousDueAt?.toISOString() ?? null,
    by: by(h.byUser, h.byToken),
    note: h.note,
  }));
  return { ...c, history };
}

const cursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** The ledger by due time, soonest first (or latest first), keyset-paged. */
export async function listCommitmentPage(db: Db, workspaceId: string, q: CommitmentListQuery) {
  const after = q.cursor ? decodeCursor(q.cursor, cursorSchema) : undefined;
  const rows = await store.listCommitments(db, workspaceId, {
    statuses: q.status,
    customerId: q.customerId,
    caseId: q.caseId,
    departmentId: q.departmentId,
    ownerId: q.ownerId,
    kind: q.kind,
    dueAfter: q.dueAfter ? new Date(q.dueAfter) : undefined,
    dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined,
    order: q.order,
    after: after && { dueAt: new Date(after.at), id: after.id },
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1)! : undefined;
  return {
    items: await presentAll(db, workspaceId, page),
    nextCursor: last ? encodeCursor({ at: last.dueAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * What the team achieved for promises like this one (same kind, and department when given) due in
 * the last 180 days: counts, kept-on-time rate, median and p90 time to keep, and the suggested
 * due time from now. The definitions are in commitment-stats.ts.
 */
export async function suggestCommitment(
  d: { db: Db; clock: Clock },
  workspaceId: string,
  kind: string,
  departmentId?: string,
): Promise<Suggestion> {
  const now = d.clock.now();
  const from = new Date(now.getTime() - commitmentWindowDays * dayMs);
  const a = achieved(await stats.outcomesOf(d.db, workspaceId, kind, departmentId, from, now));
  return {
    kind,
    departmentId: departmentId ?? null,
    from: from.toISOString(),
    to: now.toISOString(),
    ...a,
    suggestedDueAt: a.suggestedWithinMs === null ? null : new Date(now.getTime() + a.suggestedWithinMs).toISOString(),
  };
}

type Counts = { keptOnTime: number; keptAfterRenegotiation: number; broken: number; openNow: number };
const withRate = (c: Counts) => ({ ...outcomeFigures(c), openNow: c.openNow });
const add = (a: Counts, b: Counts): Counts => ({
  keptOnTime: a.keptOnTime + b.keptOnTime,
  keptAfterRenegotiation: a.keptAfterRenegotiation + b.keptAfterRenegotiation,
  broken: a.broken + b.broken,
  openNow: a.openNow + b.openNow,
});
const none: Counts = { keptOnTime: 0, keptAfterRenegotiation: 0, broken: 0, openNow: 0 };
const size = (c: Counts) => c.keptOnTime + c.keptAfterRenegotiation + c.broken + c.openNow;

/** Each team's kept rate over commitments due in the last `days` days, and by kind within each team. */
export async function commitmentStats(d: { db: Db; clock: Clock }, workspaceId: string, days: number): Promise<CommitmentStats> {
  const to = d.clock.now();
  const from = new Date(to.getTime() - days * dayMs);
  const rows = await stats.outcomeCounts(d.db, workspaceId, from, to);
  const teams = new Map<
    string,
    { departmentId: string | null; name: string | null; counts: Counts; kinds: (Counts & { kind: string })[] }
  >();
  let total = none;
  for (const r of rows) {
    const c: Counts = {
      keptOnTime: r.keptOnTime,
      keptAfterRenegotiation: r.keptAfterRenegotiation,
      broken: r.broken,
      openNow: r.openNow,
    };
    const key = r.departmentId ?? '';
    let t = teams.get(key);
    if (!t) teams.set(key, (t = { departmentId: r.departmentId, name: r.departmentName, counts: none, kinds: [] }));
    t.counts = add(t.counts, c);
    t.kinds.push({ ...c, kind: r.kind });
    total = add(total, c);
  }
  const departments = [...teams.values()]
    .sort((a, b) => size(b.counts) - size(a.counts) || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'))
    .map((t) => ({
      departmentId: t.departmentId,
      name: t.name,
      ...withRate(t.counts),
      kinds: t.kinds.sort((a, b) => size(b) - size(a) || a.kind.localeCompare(b.kind)).map((k) => ({ kind: k.kind, ...withRate(k) })),
    }));
  return { from: from.toISOString(), to: to.toISOString(), total: withRate(total), departments };
}

export async function commitmentKinds(db: Db, workspaceId: string) {
  return { items: await stats.kindsInUse(db, workspaceId, 100) };
}
