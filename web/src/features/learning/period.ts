// The ranking's period: the last `days` days up to now, as the API's from/to query.
export function lastDays(now: number, days: number): { from: string; to: string } {
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

/** A trend in words a screen reader and a glance both read: "+3", "−2", "same". */
export const trendWords = (trend: number) => (trend > 0 ? `+${trend}` : trend < 0 ? `−${-trend}` : 'same');

export const money = (n: number) => n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
