// Promises made to the demo's customers, and what each customer was told (promise notices, issue
// 12): Chloé was promised a replacement pump and told when it was done (in French); Lars was
// promised a call back that nobody made, so the clock broke it, opened a case and apologised; Kofi's
// refund is still under way, due in two days. Each is made, kept or broken at its own time on the
// demo's timeline; a second run finds them by their keys and adds nothing.
import { breakDueCommitment, keepCommitment } from '../domain/promises/commitment-outcomes.ts';
import { makeCommitment } from '../domain/promises/commitments.ts';
import type { DemoCast } from './cast.ts';
import { D, H } from './kit.ts';
import { clockAt, type DemoDeps } from './timeline.ts';

export interface PromisesLoaded {
  made: number;
  kept: number;
  broken: number;
  /** Notices the customers were told (made, kept, missed), this run. */
  told: number;
}

export async function promiseStory(d: DemoDeps, seed: number, cast: DemoCast, ownerId: string | undefined): Promise<PromisesLoaded> {
  const by = { userId: ownerId ?? null, tokenId: null };
  const links = { settings: d.settings, publicUrl: d.publicUrl };
  const who = (key: string) => cast.buyers.find((b) => b.key === key)!;
  const plans = [
    {
      key: 'chloe',
      what: 'Send you a replacement pump for your conditioner bottle',
      kind: 'replacement',
      madeAgo: 5 * D,
      dueIn: 3 * D,
      keptAfter: 2 * D,
    },
    { key: 'lars', what: 'Call you back about the delivery fee', kind: 'callback', madeAgo: 2 * D, dueIn: 4 * H, keptAfter: null },
    { key: 'kofi', what: 'Refund your second jar', kind: 'refund', madeAgo: 6 * H, dueIn: 2 * D, keptAfter: null },
  ];
  const loaded: PromisesLoaded = { made: 0, kept: 0, broken: 0, told: 0 };
  for (const p of plans) {
    const madeAt = d.now - p.madeAgo;
    const deps = { db: d.db, clock: clockAt(madeAt), links };
    const made = await makeCommitment(deps, d.workspaceId, by, {
      customer: { externalId: who(p.key).externalId },
      what: p.what,
      kind: p.kind,
      dueAt: new Date(madeAt + p.dueIn).toISOString(),
      ...(ownerId ? { ownerId } : {}),
      idempotencyKey: `demo:${seed}:promise.${p.key}`,
    });
    if (made.duplicate) continue;
    loaded.made++;
    loaded.told += made.commitment.notices.length;
    const id = made.commitment.id;
    if (p.keptAfter !== null && madeAt + p.keptAfter <= d.now) {
      await keepCommitment({ ...deps, clock: clockAt(madeAt + p.keptAfter) }, d.workspaceId, id, by, 'Posted by courier');
      loaded.kept++;
      loaded.told++;
    } else if (madeAt + p.dueIn < d.now) {
      // The clock's job at the due time (a few seconds late, as a worker runs it).
      const r = await breakDueCommitment({ ...deps, clock: clockAt(madeAt + p.dueIn + 5_000) }, d.workspaceId, id);
      if (r.broken) {
        loaded.broken++;
        loaded.told++;
      }
    }
  }
  return loaded;
}
