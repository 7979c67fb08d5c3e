// Keeping score_rollups current: each change to answers or invitations adds its counts to the
// rows of its day, survey and hand-picked flag, once for everyone (dim '' value '') and once per
// customer attribute. Changes are summed per row first and written in one statement in a fixed
// row order, so concurrent transactions lock rows in the same order and cannot deadlock.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface RollupChange {
  surveyId: string;
  /** UTC date, YYYY-MM-DD */
  day: string;
  handPicked: boolean;
  /** The customer's attributes as strings: the segments the change counts in. */
  segment: Record<string, string>;
  /** +1 for a new answer with this score, -1 for an answer that no longer has it. */
  scores?: { score: number; delta: number }[];
  invited?: number;
  answeredInvited?: number;
}

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Customer attributes as the strings segments compare. */
export function segmentOf(attributes: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  return out;
}

export async function applyRollupChanges(tx: Db, workspaceId: string, changes: RollupChange[]): Promise<void> {
  const rows = new Map<string, { dim: string; value: string; day: string; surveyId: string; handPicked: boolean; c: number[] }>();
  for (const ch of changes) {
    const dims: [string, string][] = [['', ''], ...Object.entries(ch.segment)];
    for (const [dim, value] of dims) {
      const key = `${dim}\u0000${value}\u0000${ch.day}\u0000${ch.surveyId}\u0000${ch.handPicked}`;
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { dim, value, day: ch.day, surveyId: ch.surveyId, handPicked: ch.handPicked, c: new Array(13).fill(0) }));
      for (const s of ch.scores ?? []) r.c[s.score]! += s.delta;
      r.c[11]! += ch.invited ?? 0;
      r.c[12]! += ch.answeredInvited ?? 0;
    }
  }
  const list = [...rows.values()].filter((r) => r.c.some((x) => x !== 0));
  if (!list.length) return;
  // The primary key's order: (dim, day, value, survey_id, hand_picked).
  list.sort((a, b) =>
    a.dim < b.dim
      ? -1
      : a.dim > b.dim
        ? 1
        : a.day < b.day
          ? -1
          : a.day > b.day
            ? 1
            : a.value < b.value
              ? -1
              : a.value > b.value
                ? 1
                : a.surveyId < b.surveyId
                  ? -1
                  : a.surveyId > b.surveyId
                    ? 1
                    : Number(a.handPicked) - Number(b.handPicked),
  );
  const col = (i: number) => list.map((r) => r.c[i]!);
  await sql`INSERT INTO score_rollups AS r (workspace_id, dim, value, day, survey_id, hand_picked,
      s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited)
    SELECT ${workspaceId}::uuid, * FROM unnest(${list.map((r) => r.dim)}::text[], ${list.map((r) => r.value)}::text[],
      ${list.map((r) => r.day)}::date[], ${list.map((r) => r.surveyId)}::uuid[], ${list.map((r) => r.handPicked)}::boolean[],
      ${col(0)}::int[], ${col(1)}::int[], ${col(2)}::int[], ${col(3)}::int[], ${col(4)}::int[], ${col(5)}::int[],
      ${col(6)}::int[], ${col(7)}::int[], ${col(8)}::int[], ${col(9)}::int[], ${col(10)}::int[], ${col(11)}::int[], ${col(12)}::int[])
    ON CONFLICT (workspace_id, dim, day, value, survey_id, hand_picked) DO UPDATE SET
      s0 = r.s0 + excluded.s0, s1 = r.s1 + excluded.s1, s2 = r.s2 + excluded.s2, s3 = r.s3 + excluded.s3,
      s4 = r.s4 + excluded.s4, s5 = r.s5 + excluded.s5, s6 = r.s6 + excluded.s6, s7 = r.s7 + excluded.s7,
      s8 = r.s8 + excluded.s8, s9 = r.s9 + excluded.s9, s10 = r.s10 + excluded.s10,
      invited = r.invited + excluded.invited, answered_invited = r.answered_invited + excluded.answered_invited`.execute(tx);
}
