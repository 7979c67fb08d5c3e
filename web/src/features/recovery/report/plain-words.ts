// The recovery report's statistics in plain words, for a manager who does not read intervals
// and p-values: "about 3 in 4", "probably between", "could be chance". Pure, so it is tested
// without a browser.

/** A share in words people use: "about 3 in 4", "almost all", "about half". */
export function shareInWords(percent: number): string {
  if (percent >= 99.5) return 'all';
  if (percent >= 95) return 'almost all';
  if (percent <= 0.5) return 'none';
  if (percent < 5) return 'very few';
  const fractions: [number, number][] = [
    [1, 10],
    [1, 5],
    [1, 4],
    [1, 3],
    [2, 5],
    [1, 2],
    [3, 5],
    [2, 3],
    [3, 4],
    [4, 5],
    [9, 10],
  ];
  let best = fractions[0]!;
  for (const f of fractions) if (Math.abs((100 * f[0]) / f[1] - percent) < Math.abs((100 * best[0]) / best[1] - percent)) best = f;
  return best[0] === 1 && best[1] === 2 ? 'about half' : `about ${best[0]} in ${best[1]}`;
}

/** "About 3 in 4 cases (78%) were recovered within 24 hours; with 120 cases the true share is probably between 70% and 84%." */
export function shareSentence(s: { value: number; interval: { low: number; high: number }; n: number }, what: string): string {
  const words = shareInWords(s.value);
  const pct = (v: number) => `${Math.round(v)}%`;
  return (
    `${words[0]!.toUpperCase()}${words.slice(1)} of the cases with a known outcome (${pct(s.value)}) ${what}. ` +
    `With ${s.n.toLocaleString()} cases, the true share is probably between ${pct(s.interval.low)} and ${pct(s.interval.high)}.`
  );
}

/** A test's verdict in words: a difference that is significant, or one that could be chance. */
export function differenceSentence(
  difference: number,
  significant: boolean,
  higher: string,
  lower: string,
  subject = 'The difference',
): string {
  if (difference === 0) return `${subject} is nil: both score the same.`;
  const direction = difference > 0 ? higher : lower;
  return significant
    ? `${direction}, and the difference is too large to be chance (95% confidence).`
    : `${direction}, but the difference is small enough to be chance: it is no evidence either way.`;
}

/** A count of periods in words: "4 of 13 weeks". */
export function periodsWords(count: number, of: number, unit: 'day' | 'week' | 'month'): string {
  return `${count.toLocaleString()} of ${of.toLocaleString()} ${unit}${of === 1 ? '' : 's'}`;
}
