import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('makes valid version-7 UUIDs that increase even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]!))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the time first, so ids sort by creation time', () => {
    expect(uuidv7(Date.UTC(2030, 0, 1)) < uuidv7(Date.UTC(2030, 0, 2))).toBe(true);
    expect(uuidv7(Date.UTC(2031, 0, 1)).slice(0, 13)).toBe(
      Date.UTC(2031, 0, 1)
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})/, '$1-'),
    );
  });
});
