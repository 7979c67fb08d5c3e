// Department colours on the timeline. An event's source is a department's key when that
// department exists; other sources get a stable colour from a hash of their name, so the
// same source looks the same on every page and every visit.
import type { Department } from './types.ts';

export interface SourceStyle {
  name: string;
  colour: string;
  /** a pale wash of the colour, dark text stays readable on it */
  tint: string;
  known: boolean;
}

export function sourceStyle(source: string, departments: readonly Department[]): SourceStyle {
  const department = departments.find((d) => d.key === source);
  const colour = department?.colour ?? hashColour(source);
  return { name: department?.name ?? source, colour, tint: mixWithWhite(colour, 0.88), known: !!department };
}

/** FNV-1a over the string, turned into a hue with fixed saturation and lightness. */
export function hashColour(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hslToHex((hash >>> 0) % 360, 0.58, 0.46);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

export function mixWithWhite(hex: string, amount: number): string {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${rgb
    .map((c) =>
      Math.round(c + (255 - c) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Colours a person might pick for a new department. */
export const suggestedColours = [
  { name: 'Indigo', hex: '#4f46e5' },
  { name: 'Cyan', hex: '#0891b2' },
  { name: 'Green', hex: '#059669' },
  { name: 'Amber', hex: '#d97706' },
  { name: 'Red', hex: '#dc2626' },
  { name: 'Pink', hex: '#db2777' },
  { name: 'Violet', hex: '#7c3aed' },
  { name: 'Slate', hex: '#475569' },
];
