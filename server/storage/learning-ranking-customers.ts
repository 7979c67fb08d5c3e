// Learning storage: the distinct customers behind each rule's friction and exceptions in a period.
// Counted exactly for the rules asked (an index-only scan of their items), or as HyperLogLog
// registers merged from the rollup's sketches: whole months, whole days, and the partial days at
// the edges and the exceptions hashed on the spot (rule_sketch_bit, migration 0030).
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { inEdges, periodParts } from './learning-ranking.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Exact distinct customers per rule (of `ruleIds`) in [from, to). */
export async function exactCustomers(db: Db, workspaceId: string, ruleIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
  if (!ruleIds.length) return new Map();
  const rows = await sql<{ rule_id: string; customers: number }>`
    SELECT rule_id, count(DISTINCT customer_id)::int AS customers FROM (
      SELECT rule_id, customer_id FROM rule_friction
        WHERE workspace_id = ${workspaceId} AND rule_id = ANY(${ruleIds}::uuid[]) AND occurred_at >= ${from} AND occurred_at < ${to}
      UNION ALL
      SELECT rule_id, customer_id FROM rule_exceptions
        WHERE workspace_id = ${workspaceId} AND rule_id = ANY(${ruleIds}::uuid[]) AND recorded_at >= ${from} AND recorded_at < ${to}
    ) x GROUP BY rule_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.rule_id, r.customers]));
}

/** Whole UTC days [a, b) as whole months and the days outside them. */
export function monthsAndDays(a: Date, b: Date): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  let d = new Date(a);
  while (d < b) {
    const nextMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    if (d.getUTCDate() === 1 && nextMonth <= b) {
      months.push(isoDay(d));
      d = nextMonth;
    } else {
      days.push(isoDay(d));
      d = new Date(d.getTime() + 86_400_000);
    }
  }
  return { months, days };
}

const registers = 1024;

/** A sketch's registers from its bits as varbit_send sends them (a 4-byte length, then 32 bits a register, unary). */
export function registersOf(sent: Uint8Array): Uint8Array {
  const out = new Uint8Array(registers);
  for (let j = 0; j < registers; j++) {
    let v = 0;
    for (let b = 0; b < 4; b++) {
      const byte = sent[4 + 4 * j + b] ?? 0;
      if (byte === 0xff) v += 8;
      else {
        v += Math.clz32(~(byte << 24)); // leading ones of the byte
        break;
      }
    }
    out[j] = v;
  }
  return out;
}

/**
 * The HyperLogLog registers (p = 10) of each rule's customers in [from, to): the or of the
 * rollup's month and day sketches covering its whole days, raised by the customers of the partial
 * edge days and of the exceptions, hashed on the spot.
 */
export async function customerSketches(
  db: Db,
  workspaceId: string,
  ruleIds: string[],
  from: Date,
  to: Date,
): Promise<Map<string, Uint8Array>> {
  if (!ruleIds.length) return new Map();
  const { days: whole, edges } = periodParts(from, to);
  const { months, days } = whole ? monthsAndDays(whole[0], whole[1]) : { months: [], days: [] };
  const rules = sql`${ruleIds}::uuid[]`;
  const [merged, loose] = await Promise.all([
    sql<{ rule_id: string; sent: Buffer }>`
      SELECT rule_id, varbit_send(bit_or(registers)::bit(32768)) AS sent FROM rule_friction_sketches
      WHERE workspace_id = ${workspaceId} AND rule_id = ANY(${rules})
        AND ((grain = 'month' AND start = ANY(${months}::date[])) OR (grain = 'day' AND start = ANY(${days}::date[])))
      GROUP BY rule_id`.execute(db),
    sql<{ rule_id: string; register: number; value: number }>`
      SELECT rule_id, rule_sketch_index(customer_id) AS register, max(rule_sketch_value(customer_id)) AS value FROM (
        SELECT rule_id, customer_id FROM rule_friction
          WHERE workspace_id = ${workspaceId} AND rule_id = ANY(${rules}) AND ${inEdges('occurred_at', edges)}
        UNION ALL
        SELECT rule_id, customer_id FROM rule_exceptions
          WHERE workspace_id = ${workspaceId} AND rule_id = ANY(${rules}) AND recorded_at >= ${from} AND recorded_at < ${to}
      ) x GROUP BY 1, 2`.execute(db),
  ]);
  const out = new Map(merged.rows.map((r) => [r.rule_id, registersOf(r.sent)]));
  for (const r of loose.rows) {
    let regs = out.get(r.rule_id);
    if (!regs) out.set(r.rule_id, (regs = new Uint8Array(registers)));
    regs[r.register] = Math.max(regs[r.register]!, r.value);
  }
  return out;
}
