// Recomputes the score rollups (score_rollup_totals, with no deltas left) from the answers and the sent invitations, for one workspace or all,
// in one transaction. The answer path keeps rollups current incrementally (rollup-deltas.ts);
// this is the reference it must agree with, and the repair when it did not.
//
// What each row counts, the same way the incremental path does:
// - s0..s10: answers (responses) by score, on the UTC day of answered_at, with the answer's
//   hand-picked flag, once for everyone (dim '' value '') and once per attribute in
//   responses.segment (the customer's attributes when they answered).
// - answered_invited: the answers among those that came from an invitation (invitation_id set).
// - invited: invitations with status 'sent', on the UTC day of sent_at, with the invitation's
//   hand-picked flag. Their segments come from the customer's CURRENT attributes: invitations
//   do not store the attributes they were sent with, so an invitation whose customer changed
//   plan since is counted under the new plan here, while the incremental path counted it under
//   the plan at sending time. Answers keep their segment either way.
// Attribute values are the strings segmentOf() makes: strings as they are, numbers and booleans
// as text (trailing zeros of a number dropped, as JavaScript prints it), null, objects and arrays
// left out.
//
// Concurrency: the transaction first takes SHARE ROW EXCLUSIVE on score_rollup_deltas (where
// writers append their changes) and score_rollup_totals (where the fold adds them), which waits
// for every transaction that has written a rollup change, and a fold under way, to commit and
// makes new writers wait until the rebuild commits. The rebuild deletes the workspace's deltas
// with its totals and writes the totals afresh. The rebuild then reads every answer and invitation committed so far; a writer
// that stored its answer but had not reached its rollup yet adds its change after the rebuild,
// on top of rebuilt rows that do not include it. Nothing is counted twice or lost. Answers and
// sends of every workspace wait while a rebuild runs (about a minute at 10 million answers).
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface RebuildResult {
  /** Rollup rows written. */
  rows: number;
}

/** The (dim, value) pairs of a jsonb object of attributes, plus ('', '') for everyone. */
const segmentPairs = (column: string) => sql`
  SELECT '' AS dim, '' AS value
  UNION ALL
  SELECT a.key, CASE jsonb_typeof(a.value) WHEN 'number' THEN trim_scale((a.value #>> '{}')::numeric)::text ELSE a.value #>> '{}' END
  FROM jsonb_each(CASE jsonb_typeof(${sql.raw(column)}) WHEN 'object' THEN ${sql.raw(column)} ELSE '{}'::jsonb END) AS a
  WHERE jsonb_typeof(a.value) IN ('string', 'number', 'boolean')`;

export async function rebuildRollups(db: Db, workspaceId?: string): Promise<RebuildResult> {
  return db.transaction().execute((tx) => rebuildRollupsIn(tx, workspaceId));
}

/** Takes the lock on the rollups (see above), for a caller that changes answers in the same transaction first. */
export async function lockRollups(tx: Db): Promise<void> {
  await sql`LOCK TABLE score_rollup_deltas, score_rollup_totals IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
}

/** The rebuild inside the caller's transaction (an erasure rebuilds what it changed before it commits). */
export async function rebuildRollupsIn(tx: Db, workspaceId?: string): Promise<RebuildResult> {
  const only = (column: string) => (workspaceId === undefined ? sql`true` : sql`${sql.ref(column)} = ${workspaceId}`);
  const scoreSums = sql.join(Array.from({ length: 11 }, (_, s) => sql`count(*) FILTER (WHERE x.score = ${sql.lit(s)})`));
  await lockRollups(tx);
  await sql`SET LOCAL work_mem = '256MB'`.execute(tx);
  await sql`DELETE FROM score_rollup_deltas WHERE ${only('workspace_id')}`.execute(tx);
  await sql`DELETE FROM score_rollup_totals WHERE ${only('workspace_id')}`.execute(tx);
  const r = await sql`
    INSERT INTO score_rollup_totals (workspace_id, dim, value, day, survey_id, hand_picked,
      s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited)
    SELECT x.workspace_id, x.dim, x.value, x.day, x.survey_id, x.hand_picked, ${scoreSums},
           sum(x.invited), sum(x.answered)
    FROM (
      SELECT r.workspace_id, d.dim, d.value, (r.answered_at AT TIME ZONE 'UTC')::date AS day, r.survey_id, r.hand_picked,
             r.score, 0 AS invited, (r.invitation_id IS NOT NULL)::int AS answered
      FROM responses r CROSS JOIN LATERAL (${segmentPairs('r.segment')}) d
      WHERE ${only('r.workspace_id')}
      UNION ALL
      SELECT i.workspace_id, d.dim, d.value, (i.sent_at AT TIME ZONE 'UTC')::date, i.survey_id, i.hand_picked,
             NULL, 1, 0
      FROM invitations i
      JOIN customers c ON c.workspace_id = i.workspace_id AND c.id = i.customer_id
      CROSS JOIN LATERAL (${segmentPairs('c.attributes')}) d
      WHERE ${only('i.workspace_id')} AND i.status = 'sent' AND i.sent_at IS NOT NULL
    ) x
    GROUP BY x.workspace_id, x.dim, x.value, x.day, x.survey_id, x.hand_picked`.execute(tx);
  return { rows: Number(r.numAffectedRows ?? 0) };
}
