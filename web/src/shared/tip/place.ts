// Where open tips go on the screen: below the thing they explain (above it when there is no room
// below), kept inside the viewport with a margin so a phone never scrolls sideways, and clear of
// the tips placed before them (a row link's focus opens every tip of the row at once).

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The gap between a tip and what it explains, and the margin it keeps from the viewport's edges. */
export const tipGap = 6;
export const tipEdge = 8;

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The top-left corner (and the width, narrowed on a small screen) of each tip, in the order given
 * (document order): each below or above its trigger, clamped to the viewport, then moved on past
 * any tip already placed that it would cover.
 */
export function placeTips(tips: { trigger: Rect; size: Size }[], viewport: Size): { left: number; top: number; width: number }[] {
  const placed: Rect[] = [];
  return tips.map(({ trigger, size }) => {
    const width = Math.min(size.width, viewport.width - 2 * tipEdge);
    const { height } = size;
    const left = Math.max(tipEdge, Math.min(trigger.left, viewport.width - tipEdge - width));
    const below = trigger.bottom + tipGap;
    const above = trigger.top - tipGap - height;
    const down = below + height <= viewport.height - tipEdge || above < tipEdge;
    let top = down ? below : above;
    for (let moved = true; moved;) {
      moved = false;
      for (const p of placed) {
        if (!overlaps({ left, top, right: left + width, bottom: top + height }, p)) continue;
        top = down ? p.bottom + 2 : p.top - 2 - height;
        moved = true;
      }
    }
    placed.push({ left, top, right: left + width, bottom: top + height });
    return { left, top, width };
  });
}
