// Answers and sent invitations append their rollup changes as deltas (storage/rollup-deltas.ts);
// this moves them into the totals, in batches, until none is left. Readers sum totals and deltas,
// so folding changes no figure: it only keeps the deltas few. Run by jobs/fold-rollups.ts.
import type { Db } from '../../storage/database.ts';
import { foldRollupDeltas } from '../../storage/rollup-deltas.ts';

/** Deltas folded per transaction. */
const foldBatch = 20_000;

/** Folds every delta there is now; answers how many. */
export async function foldRollups(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await foldRollupDeltas(db, foldBatch);
    total += n;
    if (n < foldBatch) return total;
  }
}
