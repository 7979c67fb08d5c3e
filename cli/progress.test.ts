import { describe, expect, it } from 'vitest';
import { formatBytes, progressBar } from './progress.ts';

function bar(isTty: boolean) {
  let t = 0;
  const lines: string[] = [];
  const p = progressBar({ writeLine: (s) => lines.push(s), isTty, totalBytes: 2_000_000, label: 'import', now: () => t });
  return { p, lines, at: (ms: number) => (t = ms) };
}

describe('progress bar', () => {
  it('on a terminal redraws one line in place at most ten times a second', () => {
    const { p, lines, at } = bar(true);
    p.update(0, 0);
    at(50);
    p.update(500_000, 500);
    at(120);
    p.update(1_000_000, 1200);
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toContain('\x1b[1A');
    expect(lines[1]).toMatch(/^\x1b\[1A\r\x1b\[2Kimport █{15}░{15} {2}50% {2}977 KB \/ 1.9 MB {2}1,200 events {2}10,000 events\/s$/);
    at(130);
    p.done();
    expect(lines).toHaveLength(3);
  });

  it('off a terminal prints a plain line every 5 seconds at most, and none for a short run', () => {
    const { p, lines, at } = bar(false);
    p.update(0, 0);
    at(4000);
    p.update(1_000_000, 4000);
    p.done();
    expect(lines).toEqual([]);
    at(5000);
    p.update(1_000_000, 5000);
    at(9000);
    p.update(1_500_000, 9000);
    expect(lines).toEqual(['import: 50% (977 KB / 1.9 MB), 5,000 events, 1,000 events/s']);
  });

  it('formats sizes', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(5 * 1024 ** 3)]).toEqual(['12 B', '2.0 KB', '5.0 GB']);
  });
});
