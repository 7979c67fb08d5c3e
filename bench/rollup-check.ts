// "Rollups equal a rebuild after the load" (issue 15): the answer path keeps score_rollups
// incrementally; after the answers ran, a rebuild from the answers (storage/rollup-rebuild.ts) in a
// transaction that is rolled back must give the same answer counts. `invited` is left out: the
// bench makes its invitations with SQL, not through Kept's sending path that counts them.
import { openDatabase } from '../server/storage/database.ts';
import { rebuildRollupsIn } from '../server/storage/rollup-rebuild.ts';
import { sql } from 'kysely';

const columns = sql.raw(
  `dim, value, day::text AS day, survey_id, hand_picked, ${Array.from({ length: 11 }, (_, s) => `s${s}`).join(', ')}, answered_invited`,
);

/** Answers how many rollup rows differ from a rebuild (0: equal), and how many rows there are. */
export async function rollupsEqualRebuild(url: string, workspaceId: string): Promise<{ rows: number; differing: number }> {
  const { db } = openDatabase({ url, poolSize: 1 });
  const snapshot = async (tx: typeof db) =>
    (
      await sql<Record<string, unknown>>`SELECT ${columns} FROM score_rollups WHERE workspace_id = ${workspaceId}
        AND (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + answered_invited) > 0`.execute(tx)
    ).rows.map((r) => JSON.stringify(r));
  const rollback = new Error('rollback');
  let result = { rows: 0, differing: 0 };
  try {
    await db.transaction().execute(async (tx) => {
      const before = new Set(await snapshot(tx));
      await rebuildRollupsIn(tx, workspaceId);
      const after = await snapshot(tx);
      const rebuilt = new Set(after);
      const differing = after.filter((r) => !before.has(r)).length + [...before].filter((r) => !rebuilt.has(r)).length;
      result = { rows: after.length, differing };
      throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  } finally {
    await db.destroy();
  }
  return result;
}
