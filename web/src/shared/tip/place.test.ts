import { describe, expect, it } from 'vitest';
import { placeTips, tipEdge, tipGap } from './place.ts';

const phone = { width: 390, height: 844 };
const at = (left: number, top: number, width = 80, height = 18) => ({ left, top, right: left + width, bottom: top + height });

describe('placeTips', () => {
  it('puts a tip below its trigger, starting at its left edge', () => {
    expect(placeTips([{ trigger: at(40, 100), size: { width: 200, height: 30 } }], phone)).toEqual([
      { left: 40, top: 118 + tipGap, width: 200 },
    ]);
  });

  it('keeps a tip near the right edge of a phone inside it, so the page does not scroll sideways', () => {
    const [p] = placeTips([{ trigger: at(330, 100, 50), size: { width: 260, height: 30 } }], phone);
    expect(p!.left + p!.width).toBe(phone.width - tipEdge);
    expect(p!.left).toBe(390 - 8 - 260);
  });

  it('narrows a tip wider than the screen to the screen less its margins', () => {
    const [p] = placeTips([{ trigger: at(0, 100), size: { width: 500, height: 30 } }], phone);
    expect(p).toEqual({ left: tipEdge, top: 118 + tipGap, width: phone.width - 2 * tipEdge });
  });

  it('flips above a trigger at the bottom of the screen', () => {
    const [p] = placeTips([{ trigger: at(40, 820), size: { width: 200, height: 30 } }], phone);
    expect(p!.top).toBe(820 - tipGap - 30);
  });

  it('stacks the tips of one row instead of covering one with the next', () => {
    const [a, b] = placeTips(
      [
        { trigger: at(20, 100), size: { width: 200, height: 30 } },
        { trigger: at(120, 100), size: { width: 200, height: 30 } },
      ],
      phone,
    );
    expect(b!.top).toBeGreaterThanOrEqual(a!.top + 30);
  });
});
