// The friction ranking: for a period, each rule's complaints, tagged cases and answers,
// exceptions, customers affected and cost (exceptions plus the restitution of the cases it
// caused), with the trend against the previous period of the same length; worst first. Every
// figure drills down to the items behind it.
import type { Drill, DrillQuery, FrictionFigures, PeriodQuery, Ranking, RankingRow } from '../../../contract/learning-review.ts';
import type { Db } from '../../storage/database.ts';
import { listExceptions } from '../../storage/learning-exceptions.ts';
import { noCounts, periodCounts, type RuleCounts } from '../../storage/learning-ranking.ts';
import { customerSketches, exactCustomers } from '../../storage/learning-ranking-customers.ts';
import { frictionOf, listRules, restitutionOf } from '../../storage/learning-rules.ts';
import { invalidInput } from '../core/errors.ts';
import { customersRelativeError, estimateCustomers, exactRules } from './customer-estimate.ts';
import { presentException } from './exceptions.ts';
import { presentFriction } from './friction.ts';
import { ruleOf } from './rules.ts';

const frictionOfCounts = (f: RuleCounts) => f.complaints + f.cases + f.answers + f.exceptions;
const maxPeriodDays = 3700;

export function periodOf(q: PeriodQuery) {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (to.getTime() <= from.getTime()) throw invalidInput('The period is not valid', [{ path: ['to'], message: 'is not after from' }]);
  if (to.getTime() - from.getTime() > maxPeriodDays * 86_400_000) {
    throw invalidInput('The period is not valid', [{ path: ['to'], message: `is more than ${maxPeriodDays} days after from` }]);
  }
  return { from, to, previousFrom: new Date(2 * from.getTime() - to.getTime()) };
}

type Customers = Pick<FrictionFigures, 'customers' | 'customersEstimated' | 'customersError'>;

/**
 * The distinct customers of each rule in [from, to): counted exactly for the rules with the
 * fewest items while their items stay within a budget, estimated (HyperLogLog) for the others.
 */
async function customersOf(db: Db, workspaceId: string, counts: Map<string, RuleCounts>, from: Date, to: Date, budget?: number) {
  const items = new Map([...counts].map(([ruleId, c]) => [ruleId, frictionOfCounts(c)] as const).filter(([, n]) => n > 0));
  const exact = exactRules(items, budget);
  const estimated = [...items.keys()].filter((id) => !exact.has(id));
  const [counted, sketches] = await Promise.all([
    exactCustomers(db, workspaceId, [...exact], from, to),
    customerSketches(db, workspaceId, estimated, from, to),
  ]);
  const out = new Map<string, Customers>();
  for (const [ruleId, n] of counted) out.set(ruleId, { customers: n, customersEstimated: false, customersError: null });
  for (const [ruleId, registers] of sketches) {
    out.set(ruleId, { customers: estimateCustomers(registers), customersEstimated: true, customersError: customersRelativeError });
  }
  return out;
}

export async function frictionRanking(db: Db, workspaceId: string, q: PeriodQuery, o: { exactBudget?: number } = {}): Promise<Ranking> {
  const { from, to, previousFrom } = periodOf(q);
  const [current, previous, ruleList] = await Promise.all([
    periodCounts(db, workspaceId, from, to),
    periodCounts(db, workspaceId, previousFrom, from),
    listRules(db, workspaceId),
  ]);
  const customers = await customersOf(db, workspaceId, current, from, to, o.exactBudget);
  const rules = new Map(ruleList.map((r) => [r.id, r]));
  const items: RankingRow[] = [];
  for (const ruleId of new Set([...current.keys(), ...previous.keys()])) {
    const r = rules.get(ruleId);
    if (!r) continue;
    const now = current.get(ruleId) ?? noCounts();
    const before = previous.get(ruleId) ?? noCounts();
    const friction = frictionOfCounts(now);
    const previousFriction = frictionOfCounts(before);
    if (friction === 0 && now.cost === 0 && previousFriction === 0) continue;
    items.push({
      ruleId,
      name: r.name,
      status: r.status,
      ownerId: r.ownerId,
      departmentId: r.departmentId,
      friction,
      figures: { ...now, ...(customers.get(ruleId) ?? { customers: 0, customersEstimated: false, customersError: null }) },
      previous: { ...before, friction: previousFriction },
      trend: friction - previousFriction,
    });
  }
  items.sort((a, b) => b.friction - a.friction || b.figures.cost - a.figures.cost || a.name.localeCompare(b.name));
  return { from: from.toISOString(), to: to.toISOString(), previousFrom: previousFrom.toISOString(), items };
}

const drillLimit = 500;

/** The items behind one figure of one rule in the period. */
export async function frictionItems(db: Db, workspaceId: string, ruleId: string, q: DrillQuery): Promise<Drill> {
  await ruleOf(db, workspaceId, ruleId);
  const { from, to } = periodOf(q);
  const kind = q.figure === 'complaints' ? 'complaint' : q.figure === 'cases' ? 'case' : q.figure === 'answers' ? 'answer' : undefined;
  const wantsFriction = q.figure !== 'exceptions';
  const wantsExceptions = q.figure === 'exceptions' || q.figure === 'customers' || q.figure === 'cost';
  let friction = wantsFriction ? await frictionOf(db, workspaceId, ruleId, { from, to, kind, limit: drillLimit }) : [];
  const restitution = await restitutionOf(
    db,
    workspaceId,
    friction.filter((f) => f.kind === 'case').map((f) => f.itemId),
  );
  if (q.figure === 'cost') friction = friction.filter((f) => restitution.has(f.itemId));
  let exceptions = wantsExceptions ? await listExceptions(db, workspaceId, { ruleId, from, to, limit: drillLimit }) : [];
  if (q.figure === 'cost') exceptions = exceptions.filter((e) => e.status !== 'pending');
  const customers =
    q.figure === 'customers' ? [...new Set([...friction.map((f) => f.customerId), ...exceptions.map((e) => e.customerId)])] : [];
  return {
    figure: q.figure,
    friction: friction.map((f) => ({ ...presentFriction(f), restitution: restitution.get(f.itemId) ?? null })),
    exceptions: exceptions.map(presentException),
    customers,
  };
}
