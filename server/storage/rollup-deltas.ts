// Keeping the score rollups current: each change to answers or invitations adds its counts to the
// rows of its day, survey and hand-picked flag, once for everyone (dim '' value '') and once per
// customer attribute. A transaction appends its changes, summed per row, to score_rollup_deltas
// with one insert: it locks nothing another answer needs, so concurrent answers to one survey no
// longer wait for each other (issue 15). foldRollupDeltas moves the deltas into
// score_rollup_totals; readers sum both (the score_rollups view, storage/score-queries.ts).
import { sql } from 'kysely';
import { prepared, type Db } from './database.ts';

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

export async function appendRollupDeltas(tx: Db, workspaceId: string, changes: RollupChange[]): Promise<void> {
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
  const col = (i: number) => list.map((r) => r.c[i]!);
  await prepared(sql`INSERT INTO score_rollup_deltas (workspace_id, dim, value, day, survey_id, hand_picked,
      s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited)
    SELECT ${workspaceId}::uuid, * FROM unnest(${list.map((r) => r.dim)}::text[], ${list.map((r) => r.value)}::text[],
      ${list.map((r) => r.day)}::date[], ${list.map((r) => r.surveyId)}::uuid[], ${list.map((r) => r.handPicked)}::boolean[],
      ${col(0)}::int[], ${col(1)}::int[], ${col(2)}::int[], ${col(3)}::int[], ${col(4)}::int[], ${col(5)}::int[],
      ${col(6)}::int[], ${col(7)}::int[], ${col(8)}::int[], ${col(9)}::int[], ${col(10)}::int[], ${col(11)}::int[], ${col(12)}::int[])`).execute(
    tx,
  );
}

/** Any fixed number: the advisory lock that lets one folder at a time run (see foldRollupDeltas). */
const foldLock = 0x6b657074_01;

/**
 * Moves up to `limit` deltas (of every workspace) into score_rollup_totals in one transaction:
 * deleted and added together, so any reader sees each change once, in the deltas or in the
 * totals. One folder runs at a time across instances (an advisory lock; the others skip their
 * turn), so totals rows are written by nobody else and folders never wait for each other. A
 * rebuild (rollup-rebuild.ts) locks both tables and waits for a fold under way. Answers how many
 * deltas it folded.
 */
export async function foldRollupDeltas(db: Db, limit = 50_000): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${foldLock}::bigint) AS ok`.execute(tx);
    if (!got.rows[0]!.ok) return 0;
    // Nobody waits on a fold's durability: lost in a crash, it is undone whole (the deltas stay,
    // the totals keep their old counts), and the next fold does it again. So no fsync wait.
    await sql`SET LOCAL synchronous_commit = off`.execute(tx);
    const r = await sql<{ n: number }>`
      WITH d AS (
        DELETE FROM score_rollup_deltas x USING (SELECT workspace_id, id FROM score_rollup_deltas ORDER BY id LIMIT ${limit}) o
        WHERE x.workspace_id = o.workspace_id AND x.id = o.id
        RETURNING x.*
      ), s AS (
        SELECT workspace_id, dim, value, day, survey_id, hand_picked, ${sql.raw(counts.map((c) => `sum(${c})::int AS ${c}`).join(', '))},
          count(*) AS n
        FROM d GROUP BY workspace_id, dim, day, value, survey_id, hand_picked
      ), w AS (
        INSERT INTO score_rollup_totals AS t (workspace_id, dim, value, day, survey_id, hand_picked, ${sql.raw(counts.join(', '))})
        SELECT workspace_id, dim, value, day, survey_id, hand_picked, ${sql.raw(counts.join(', '))} FROM s
        ORDER BY workspace_id, dim, day, value, survey_id, hand_picked
        ON CONFLICT (workspace_id, dim, day, value, survey_id, hand_picked) DO UPDATE SET
          ${sql.raw(counts.map((c) => `${c} = t.${c} + excluded.${c}`).join(', '))}
      )
      SELECT coalesce(sum(n), 0)::int AS n FROM s`.execute(tx);
    return r.rows[0]?.n ?? 0;
  });
}

const counts = [...Array.from({ length: 11 }, (_, s) => `s${s}`), 'invited', 'answered_invited'];
