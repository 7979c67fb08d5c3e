// kept start's heap bound (KEPT_HEAP_GROWTH_PERCENT): the flag it gives V8, and that this node's
// V8 knows that flag (an unknown one would only print a line on stderr, and bound nothing).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heapGrowthFlag } from './start.ts';

describe('the heap growth flag', () => {
  it('is given for a percent and left out for 0 (V8 decides)', () => {
    expect(heapGrowthFlag({ heapGrowthPercent: 100 })).toBe('--heap-growing-percent=100');
    expect(heapGrowthFlag({ heapGrowthPercent: 35 })).toBe('--heap-growing-percent=35');
    expect(heapGrowthFlag({ heapGrowthPercent: 0 })).toBeUndefined();
  });

  it('names a flag this node’s V8 has', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const name = heapGrowthFlag({ heapGrowthPercent: 100 })!.split('=')[0]!;
    expect(options).toContain(`${name} (`);
  });
});
