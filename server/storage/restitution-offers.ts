// Restitution offers: the options staff give a customer to choose from, and the customer's answer.
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { RestitutionOffersTable } from './schema.ts';

export type OfferStatus = 'open' | 'chosen' | 'something_else' | 'withdrawn';

/** One option: the amount is in the offer's currency. */
export interface OfferOption {
  what: string;
  amount: number;
  wow: boolean;
}

export interface RestitutionOfferRecord {
  workspaceId: string;
  id: string;
  caseId: string;
  options: OfferOption[];
  currency: string;
  message: string | null;
  status: OfferStatus;
  offeredBy: string | null;
  approvedBy: string;
  offeredAt: Date;
  chosenOption: number | null;
  somethingElse: string | null;
  answeredAt: Date | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
}

export type NewOffer = Pick<
  RestitutionOfferRecord,
  'workspaceId' | 'id' | 'caseId' | 'options' | 'currency' | 'message' | 'offeredBy' | 'approvedBy' | 'offeredAt'
>;

const toOffer = (r: Selectable<RestitutionOffersTable>): RestitutionOfferRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  caseId: r.case_id,
  options: r.options,
  currency: r.currency,
  message: r.message,
  status: r.status,
  offeredBy: r.offered_by,
  approvedBy: r.approved_by,
  offeredAt: r.offered_at,
  chosenOption: r.chosen_option,
  somethingElse: r.something_else,
  answeredAt: r.answered_at,
  withdrawnBy: r.withdrawn_by,
  withdrawnAt: r.withdrawn_at,
});

/** Stores an open offer; false when the case has an open one already (a concurrent offer won). */
export async function insertOffer(tx: Db, o: NewOffer): Promise<boolean> {
  const r = await tx
    .insertInto('restitution_offers')
    .values({
      workspace_id: o.workspaceId,
      id: o.id,
      case_id: o.caseId,
      options: JSON.stringify(o.options),
      currency: o.currency,
      message: o.message,
      offered_by: o.offeredBy,
      approved_by: o.approvedBy,
      offered_at: o.offeredAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'case_id']).where('status', '=', 'open').doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

/** The case's offers, newest first. */
export async function offersOf(db: Db, workspaceId: string, caseId: string): Promise<RestitutionOfferRecord[]> {
  const rows = await db
    .selectFrom('restitution_offers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .orderBy('offered_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toOffer);
}

/** One offer of the case; `lock` takes its row for the rest of the transaction. */
export async function findOffer(
  db: Db,
  workspaceId: string,
  caseId: string,
  id: string,
  lock = false,
): Promise<RestitutionOfferRecord | undefined> {
  let q = db
    .selectFrom('restitution_offers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toOffer(r);
}

export type OfferAnswer =
  | { status: 'chosen'; chosenOption: number; at: Date }
  | { status: 'something_else'; somethingElse: string; at: Date }
  | { status: 'withdrawn'; by: string | null; at: Date };

/**
 * Closes an open offer with the customer's answer or a withdrawal; false when it was no longer
 * open (the condition is in the UPDATE, so of two concurrent answers exactly one changes the row).
 */
export async function closeOffer(tx: Db, workspaceId: string, id: string, a: OfferAnswer): Promise<boolean> {
  const set =
    a.status === 'chosen'
      ? { status: a.status, chosen_option: a.chosenOption, answered_at: a.at }
      : a.status === 'something_else'
        ? { status: a.status, something_else: a.somethingElse, answered_at: a.at }
        : { status: a.status, withdrawn_by: a.by, withdrawn_at: a.at };
  const r = await tx
    .updateTable('restitution_offers')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
