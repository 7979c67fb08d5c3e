// Words for the themes pages: a share with its interval, a trend, an NPS with its n, a sentiment.
import type { Theme, ThemeText } from '../../../../contract/themes.ts';

export function shareWords(share: Theme['share'], mentions: number): string {
  if (share.value === null || !share.interval) return mentions === 1 ? '1 text' : `${mentions} texts`;
  return `${share.value.toFixed(1)} % (${share.interval.low.toFixed(1)}–${share.interval.high.toFixed(1)})`;
}

export const trendWords: Record<Theme['trend'], string> = {
  rising: 'Rising',
  falling: 'Falling',
  steady: 'No clear change',
  not_enough_data: 'Too few texts to tell',
};

export function npsWords(nps: Theme['nps']): string {
  if (nps.value === null || !nps.interval) return nps.n === 0 ? 'No answers' : `n = ${nps.n}, too few for a score`;
  return `${Math.round(nps.value)} (${Math.round(nps.interval.low)} to ${Math.round(nps.interval.high)}), n = ${nps.n}`;
}

export const sentimentWords: Record<ThemeText['label'], string> = {
  positive: 'Positive',
  negative: 'Negative',
  mixed: 'Mixed',
  neutral: 'Neutral',
};

export const sourceWords: Record<ThemeText['source'], string> = {
  answer: 'Answer',
  complaint: 'Complaint',
  case_reply: 'Reply on a case',
};

/** "delivery, courier; livraison" typed by a person: the words, trimmed, without empties or repeats. */
export function parseWords(input: string): string[] {
  return [
    ...new Set(
      input
        .split(/[,;\n]/)
        .map((w) => w.trim())
        .filter((w) => w.length > 0),
    ),
  ];
}
