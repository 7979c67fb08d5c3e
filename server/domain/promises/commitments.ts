// Commitments: promises made to customers, each with a due time. Making one stores it, its
// history and `commitment.made` on the customer's timeline, and adds its clock (a graphile-worker
// job at the due time, so it survives restarts) in one transaction. What happens next (kept,
// renegotiated, broken by the clock as an oops) is in commitment-outcomes.ts; reading them, the
// suggestion and the kept rates in commitment-ledger.ts.
import type { CommitmentInput, CommitmentMade } from '../../../contract/commitments.ts';
import { maxCommitmentDays } from '../../../contract/commitments.ts';
import { activeStaff } from '../../storage/case-assignments.ts';
import { findCase } from '../../storage/cases.ts';
import * as store from '../../storage/commitments.ts';
import { findCustomer, resolveCustomers } from '../../storage/customers.ts';
import type { Db } from '../../storage/database.ts';
import { findDepartment } from '../../storage/departments.ts';
import { insertEvents } from '../../storage/events.ts';
import type { Clock } from '../core/clock.ts';
import { presentCommitments, suggestCommitment } from './commitment-ledger.ts';
import { warningsFor } from './commitment-stats.ts';
import { invalidInput, type FieldProblem } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { tellCustomerIn, type NoticeLinks } from './commitment-notices.ts';

export interface CommitmentDeps {
  db: Db;
  clock: Clock;
  /** For the customer's case link in promise notices (commitment-notices.ts); notices go without it when absent. */
  links?: NoticeLinks;
}

/** Who acts: a person, another system (its API token), or neither (Kept's own clock). */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
}

const dayMs = 86_400_000;

export function dueProblem(field: string, due: Date, now: Date): FieldProblem | undefined {
  if (due.getTime() <= now.getTime()) return { path: [field], message: 'is not in the future' };
  if (due.getTime() > now.getTime() + maxCommitmentDays * dayMs)
    return { path: [field], message: `is more than ${maxCommitmentDays} days ahead` };
  return undefined;
}

export const timelineEvent = (
  c: Pick<store.CommitmentRecord, 'id' | 'customerId' | 'what' | 'kind'>,
  type: string,
  at: Date,
  data: Record<string, unknown>,
) => ({
  id: uuidv7(at.getTime()),
  customerId: c.customerId,
  type,
  source: 'kept',
  occurredAt: at,
  idempotencyKey: `commitment:${c.id}:${type}:${at.getTime()}`,
  data: { commitmentId: c.id, what: c.what, kind: c.kind, ...data },
});

/** Checks the names in the input against the workspace: problems for the fields, never a write. */
async function checkReferences(tx: Db, workspaceId: string, input: CommitmentInput) {
  const problems: FieldProblem[] = [];
  if (input.ownerId) {
    if (!(await activeStaff(tx, workspaceId, input.ownerId)))
      problems.push({ path: ['ownerId'], message: 'no such active person in this workspace' });
  }
  if (input.customerId && !(await findCustomer(tx, workspaceId, input.customerId))) {
    problems.push({ path: ['customerId'], message: 'no such customer in this workspace' });
  }
  if (input.departmentId && !(await findDepartment(tx, workspaceId, input.departmentId))) {
    problems.push({ path: ['departmentId'], message: 'no such department in this workspace' });
  }
  const kase = input.caseId ? await findCase(tx, workspaceId, input.caseId) : undefined;
  if (input.caseId && !kase) problems.push({ path: ['caseId'], message: 'no such case in this workspace' });
  if (problems.length) throw invalidInput('The commitment was not made', problems);
  return kase;
}

/**
 * Makes a commitment: one transaction stores it, its history and `commitment.made`, and adds its
 * clock. Answers with what the team achieved for similar promises and a warning when it is due
 * sooner than they keep 90 % of them (a warning, never a refusal).
 */
export async function makeCommitment(d: CommitmentDeps, workspaceId: string, by: Actor, input: CommitmentInput): Promise<CommitmentMade> {
  const now = d.clock.now();
  const via = by.tokenId ? ('system' as const) : input.caseId ? ('case' as const) : ('staff' as const);
  const source = input.source ?? (via === 'system' ? 'api' : 'kept');
  const key = input.idempotencyKey ?? null;
  const answer = async (id: string, duplicate: boolean): Promise<CommitmentMade> => {
    const [commitment] = await presentCommitments(d.db, workspaceId, [id]);
    const suggestion = await suggestCommitment(d, workspaceId, commitment!.kind, commitment!.departmentId ?? undefined);
    const dueIn = new Date(commitment!.dueAt).getTime() - now.getTime();
    return { commitment: commitment!, suggestion, warnings: duplicate ? [] : warningsFor(suggestion, dueIn), duplicate };
  };
  if (key) {
    const seen = await store.findCommitmentByKey(d.db, workspaceId, source, key);
    if (seen) return answer(seen.id, true);
  }
  const dueAt = new Date(input.dueAt);
  const problem = dueProblem('dueAt', dueAt, now);
  if (problem) throw invalidInput('The commitment was not made', [problem]);
  const id = uuidv7(now.getTime());
  const made = await d.db.transaction().execute(async (tx) => {
    const kase = await checkReferences(tx, workspaceId, input);
    let customerId: string;
    if (input.customerId) {
      customerId = input.customerId;
    } else if (input.customer) customerId = (await resolveCustomers(tx, workspaceId, [input.customer], now))[0]!;
    else customerId = kase!.customerId;
    if (kase && kase.customerId !== customerId) {
      throw invalidInput('The commitment was not made', [{ path: ['caseId'], message: 'is the case of another customer' }]);
    }
    const commitment: Omit<store.CommitmentRecord, 'renegotiations'> = {
      workspaceId,
      id,
      customerId,
      what: input.what,
      kind: input.kind,
      status: 'open',
      madeAt: now,
      firstDueAt: dueAt,
      dueAt,
      ownerId: input.ownerId ?? by.userId,
      departmentId: input.departmentId ?? null,
      caseId: input.caseId ?? null,
      madeVia: via,
      madeByUser: by.userId,
      madeByToken: by.tokenId,
      source,
      idempotencyKey: key,
      keptAt: null,
      keptByUser: null,
      keptByToken: null,
      brokenAt: null,
      oopsCaseId: null,
      tellCustomer: input.tellCustomer ?? true,
    };
    if (!(await store.insertCommitment(tx, commitment))) return false; // a concurrent repeat of the same key won
    await store.insertChange(tx, change(commitment, 'made', now, now, by));
    await insertEvents(
      tx,
      workspaceId,
      [
        timelineEvent(commitment, 'commitment.made', now, {
          dueAt: dueAt.toISOString(),
          caseId: commitment.caseId,
          ownerId: commitment.ownerId,
        }),
      ],
      now,
    );
    await store.scheduleCommitmentClock(tx, workspaceId, id, dueAt);
    await tellCustomerIn(tx, d, { ...commitment, renegotiations: 0 }, 'made', commitment.caseId);
    return true;
  });
  if (made) return answer(id, false);
  return answer((await store.findCommitmentByKey(d.db, workspaceId, source, key!))!.id, true);
}

export function change(
  c: Pick<store.CommitmentRecord, 'workspaceId' | 'id' | 'dueAt'>,
  kind: store.CommitmentChangeKind,
  at: Date,
  recordedAt: Date,
  by: Actor,
  extra: { previousDueAt?: Date; note?: string | null } = {},
): store.CommitmentChangeRecord {
  return {
    workspaceId: c.workspaceId,
    commitmentId: c.id,
    id: uuidv7(recordedAt.getTime()),
    change: kind,
    at,
    recordedAt,
    dueAt: c.dueAt,
    previousDueAt: extra.previousDueAt ?? null,
    byUser: by.userId,
    byToken: by.tokenId,
    note: extra.note ?? null,
  };
}
