import { describe, expect, it } from 'vitest';
import { gate } from './gate.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('a gate', () => {
  it('runs at most n at once, the others in the order they came, and frees a slot when one fails', async () => {
    const through = gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const job = (i: number) =>
      through(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await tick();
        running--;
        if (i === 1) throw new Error('one failed');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(job));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([0, 'failed', 2, 3, 4, 5]);
    // Every slot came back: n more run at once again.
    const again = await Promise.all([6, 7].map(job));
    expect(again).toEqual([6, 7]);
    expect(most).toBe(2);
  });
});
