// How many distinct customers a rule's friction touched in a period, when the period holds too
// many items to count them one by one in time: a HyperLogLog estimate from the sketches the
// rollup keeps per rule, day and month (storage/migrations/0030_rule_friction_days.sql).

/** The sketch's registers: 2^10 (p = 10). */
export const sketchRegisters = 1024;
/** One standard error of the estimate, relative: 1.04 / √1024. */
export const customersRelativeError = 1.04 / Math.sqrt(sketchRegisters);
/** Items of a period's rules counted one by one before the rest are estimated (measured: bench/issue-13.md). */
export const exactCustomersBudget = 20_000;

/** The largest register value: 1 + 31 trailing zeros and beyond (registers are 32 bits wide). */
const q = 31;

// Ertl, "New cardinality estimation algorithms for HyperLogLog sketches" (2017): one formula,
// unbiased from a handful to billions, with no switch to linear counting and no bias table.
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (let previous = -1; previous !== z;) {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  }
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (let previous = -1; previous !== z;) {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  }
  return z / 3;
}

/** The estimate of distinct customers from the registers (values 0..32). */
export function estimateCustomers(registers: ArrayLike<number>): number {
  const m = sketchRegisters;
  const counts = new Array<number>(q + 2).fill(0);
  for (let j = 0; j < m; j++) counts[Math.min(q + 1, registers[j] ?? 0)]!++;
  let z = m * tau(1 - counts[q + 1]! / m);
  for (let k = q; k >= 1; k--) z = 0.5 * (z + counts[k]!);
  z += m * sigma(counts[0]! / m);
  return Math.round((m * m) / (2 * Math.LN2) / z);
}

/**
 * Which rules' customers are counted exactly: the smallest first, while their items together stay
 * within the budget; the others are estimated.
 */
export function exactRules(items: ReadonlyMap<string, number>, budget = exactCustomersBudget): Set<string> {
  const exact = new Set<string>();
  let spent = 0;
  for (const [ruleId, n] of [...items].sort((a, b) => a[1] - b[1])) {
    if (spent + n > budget) break;
    spent += n;
    exact.add(ruleId);
  }
  return exact;
}
