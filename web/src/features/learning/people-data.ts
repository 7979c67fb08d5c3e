// What the people pages share: staff and department names, and figures in words.
import type { TeamMember } from '../../../../contract/team.ts';
import type { Department } from '../../../../contract/departments.ts';
import { api } from '../../shared/api.ts';

export async function loadPeople(signal: AbortSignal) {
  const [team, departments] = await Promise.all([
    api<{ items: TeamMember[] }>('/api/v1/team', { signal }),
    api<{ items: Department[] }>('/api/v1/departments', { signal }),
  ]);
  return { team: team.items.filter((m) => m.status !== 'deactivated'), departments: departments.items };
}

/** "65 % (49–78 %)" or the reason there is no figure. */
export function shareWords(value: number | null, interval: { low: number; high: number } | null, n: number, floor: number): string {
  if (value === null || !interval) return `n = ${n}: a figure needs ${floor}`;
  return `${Math.round(value)} % (95 % interval ${Math.round(interval.low)}–${Math.round(interval.high)} %)`;
}

/** "8.0 (6.0–10.0)" with one decimal. */
export function meanWords(value: number | null, interval: { low: number; high: number } | null): string {
  if (value === null || !interval) return '—';
  return `${value.toFixed(1)} (95 % interval ${interval.low.toFixed(1)}–${interval.high.toFixed(1)})`;
}

/** The last 90 days, from midnight UTC, as the period query. */
export function last90Days(now: number) {
  const to = new Date(Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000);
  return { from: new Date(to.getTime() - 90 * 86_400_000).toISOString(), to: to.toISOString() };
}
