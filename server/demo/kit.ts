// The demo's building blocks, shared by its data (demo-data.ts, demo-cast.ts, demo-answers.ts)
// and its stories (demo-recovery.ts): seeded randomness, working hours, and a customer's story
// told as events with stable idempotency keys. Pure: no clock, no database.
import type { CustomerRef, EventInput } from '../../contract/events.ts';
import { mulberry32 } from '../lib/random.ts';

export { mulberry32 };

export const H = 3_600_000;
export const D = 24 * H;

/** A value drawn from weights, one per value from `min` up. */
export function weighted(next: () => number, min: number, weights: number[]): number {
  let x = next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((x -= w) < 0) return min + i;
  return min + weights.length - 1;
}

export class Dice {
  constructor(readonly next: () => number) {}
  chance = (p: number) => this.next() < p;
  int = (min: number, max: number) => min + Math.floor(this.next() * (max - min + 1));
  between = (min: number, max: number) => min + this.next() * (max - min);
  pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.next() * xs.length)]!;
  weighted = (min: number, weights: number[]) => weighted(this.next, min, weights);
  digits = (n: number) => Array.from({ length: n }, () => this.int(0, 9)).join('');
  chars = (n: number, set = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') =>
    Array.from({ length: n }, () => set[this.int(0, set.length - 1)]).join('');
}

/** Dice drawn from a seed and a stable key (FNV-1a of the key), so a choice does not depend on what else is drawn. */
export function keyedDice(seed: number, key: string): Dice {
  let h = seed >>> 0;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return new Dice(mulberry32(h));
}

/** The UTC day of a time, as YYYY-MM-DD. */
export const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Moves a time into working hours (08:00-18:00 UTC), the next morning when it is later. */
export function workHours(t: number, d: Dice): number {
  const jitter = d.between(0, 3 * H); // drawn either way: see Story
  const h = new Date(t).getUTCHours();
  if (h >= 8 && h < 18) return t;
  return Math.floor(t / D) * D + (h >= 18 ? D : 0) + 8 * H + jitter;
}

/**
 * One customer's events in order. A step after `now` is left out but keeps its number, and no
 * choice depends on the time of day or on `now`: so a later run numbers every step the same
 * and its idempotency keys match the first run's.
 */
export class Story<Source extends string = string> {
  readonly events: EventInput[] = [];
  private n = 0;
  constructor(
    private readonly customer: CustomerRef,
    private readonly keyPrefix: string,
    private readonly now: number,
  ) {}
  add(at: number, source: Source, type: string, data: Record<string, unknown>) {
    const key = `${this.keyPrefix}.${this.n++}`;
    if (at > this.now) return;
    this.events.push({
      type,
      source,
      customer: this.customer,
      occurredAt: new Date(Math.floor(at)).toISOString(),
      idempotencyKey: key,
      data,
    });
  }
}
