// What the e2e stories check on every chart (shared/charts): it is reached with Tab, has an
// accessible name and description, and the arrow keys show and announce a period; and a page
// read on a narrow phone does not scroll sideways.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Tab from `before` lands on the chart named `name`; End shows the last period's tooltip and announces it. */
export async function expectKeyboardChart(page: Page, before: Locator, name: RegExp, announced: RegExp): Promise<void> {
  // The chart loads lazily: Tab reaches it once it has replaced its placeholder.
  await page.getByRole('application', { name }).waitFor();
  await before.focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const ids = (el?.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return {
      role: el?.getAttribute('role'),
      roleDescription: el?.getAttribute('aria-roledescription'),
      name: el?.getAttribute('aria-label') ?? '',
      description: ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    };
  });
  expect(focused.role).toBe('application');
  expect(focused.roleDescription).toBe('chart');
  expect(focused.name).toMatch(name);
  expect(focused.description).toContain('arrow keys');
  expect(focused.description.length).toBeGreaterThan(60);
  const chart = page.getByRole('application', { name });
  await page.keyboard.press('End');
  await chart.locator('.chart-tip').waitFor();
  const live = chart.locator('xpath=..').locator('[aria-live="polite"]');
  await expect.poll(() => live.innerText()).toMatch(announced);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  expect(await live.innerText()).not.toBe('');
  await page.keyboard.press('Escape');
  await chart.locator('.chart-tip').waitFor({ state: 'detached' });
}

/** Nothing on the page is wider than the window: no sideways scroll. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  // A chart redraws at its new width once ResizeObserver has told it (after a viewport change).
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { timeout: 5000 })
    .toBe(true)
    .catch(() => undefined);
  const { scroll, inner, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    // The widest elements not inside a box that scrolls (or clips) on its own, to name the culprit.
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (getComputedStyle(p).overflowX !== 'visible') return false;
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }));
  expect(scroll, `${what} scrolls sideways: ${wide.join(', ')}`).toBeLessThanOrEqual(inner);
}
