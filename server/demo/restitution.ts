// The customer chooses the restitution (seed 000), in the demo: once the other customers of batch
// B-42 have their fixed jar, the manager offers two of them a choice of restitutions. The first
// has chosen on her case page an hour later; the second offer is still waiting, so a demo shows
// both an open offer and a pick. A second run finds the offers and adds nothing.
import { getCaseDetail } from '../domain/recovery/case-detail.ts';
import { affectedCustomers } from '../domain/recovery/causes.ts';
import { answerRestitutionOffer } from '../domain/recovery/restitution-choice.ts';
import { offerRestitution } from '../domain/recovery/restitution-offers.ts';
import type { Principal } from '../domain/core/principal.ts';
import { depsAt, type Action, type DemoDeps } from './timeline.ts';

const H = 3_600_000;

const offer = {
  currency: 'EUR',
  message:
    'Your jar of batch B-42 should never have reached you, and a new jar is only putting it back as it was. Choose how we make it up to you.',
  options: [
    { what: 'A full refund of the jar, and you keep the new one', cost: 24.5 },
    { what: 'A year of free delivery on everything you order', cost: 39 },
    { what: 'A voucher for a cut and colour at your own hairdresser', cost: 60, wow: true },
  ],
};

/** At `at`: two offers on the batch's other cases; the first is answered an hour later. */
export function restitutionOffers(
  d: DemoDeps,
  manager: Principal,
  causeId: () => string | undefined,
  skipCase: () => string | undefined,
  at: number,
): Action {
  return {
    at,
    async run() {
      const id = causeId();
      if (!id || !manager.userId) return;
      const deps = depsAt(d, at);
      const affected = (await affectedCustomers(d.db, d.workspaceId, id, { limit: 200 })).items;
      const cases = affected.filter((a) => a.caseId && a.caseLinked && a.caseId !== skipCase() && a.caseStatus === 'open').slice(0, 2);
      for (const [i, a] of cases.entries()) {
        const c = await getCaseDetail(deps, d.workspaceId, a.caseId!);
        if (c.restitutionOffers.length || !c.playbook.some((s) => s.step === 'fix' && s.status !== 'pending')) continue;
        const made = await offerRestitution(deps, manager, c.id, offer);
        const answerAt = at + H;
        if (i === 0 && answerAt <= d.now) {
          const token = new URL(c.customerUrl).pathname.slice('/c/'.length);
          await answerRestitutionOffer(depsAt(d, answerAt), token, made.id, { option: 2 });
        }
      }
    },
  };
}
