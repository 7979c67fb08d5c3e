// Finding praise that names a person in a customer's words: pure rules, no I/O.
//
// Praise needs a positive signal AND a staff name:
// - the signal: a positive score (NPS 9-10, CSAT 4-5, CES 5-7), or, for a passive score or words
//   without a score, words of thanks in the sentence that names the person; a negative score
//   (detractor, CSAT 1-3, CES 1-4), or negative words in that sentence, is never praise, whatever
//   else it says ("thanks for nothing, José");
// - the name: matched on word boundaries with case and diacritics folded ("Zoë" = "zoe",
//   "José" = "jose"). A full name fits one person; a first name alone fits every active person
//   with that first name: one is a match, two or more wait for a person to say who was meant.
import type { SurveyKind } from '../../../contract/surveys.ts';
import { scale } from '../signals/scores.ts';

/** Folds case and diacritics: "Zoë Müller" -> "zoe muller". */
export const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');

/** Words of thanks and praise (folded), in the languages Kept speaks (en, fr, de). */
export const thanksWords = [
  'thank',
  'thanks',
  'thankyou',
  'grateful',
  'great',
  'excellent',
  'amazing',
  'wonderful',
  'brilliant',
  'fantastic',
  'helpful',
  'kind',
  'lovely',
  'superb',
  'outstanding',
  'star',
  'hero',
  'legend',
  'appreciate',
  'appreciated',
  'awesome',
  'merci',
  'genial',
  'formidable',
  'parfait',
  'super',
  'gentil',
  'gentille',
  'bravo',
  'remercie',
  'remercier',
  'danke',
  'dank',
  'toll',
  'hervorragend',
  'klasse',
  'freundlich',
  'hilfsbereit',
  'wunderbar',
  'prima',
];
/** Words that turn a mention into a complaint (folded). */
export const negativeWords = [
  'rude',
  'unhelpful',
  'useless',
  'terrible',
  'awful',
  'horrible',
  'worst',
  'bad',
  'poor',
  'angry',
  'disappointed',
  'disappointing',
  'incompetent',
  'ignored',
  'lied',
  'nothing',
  'complain',
  'complaint',
  'impoli',
  'nul',
  'nulle',
  'decu',
  'decue',
  'mauvais',
  'mauvaise',
  'pire',
  'rien',
  'unfreundlich',
  'schlecht',
  'enttauscht',
  'unverschamt',
  'nichts',
];
const thanks = new Set(thanksWords);
const negative = new Set(negativeWords);

export type Signal = 'positive' | 'passive' | 'negative' | 'none';

/** What a score says: positive, passive (in between), negative; `none` without a score. */
export function scoreSignal(kind: SurveyKind | null, score: number | null): Signal {
  if (kind === null || score === null) return 'none';
  const k = scale[kind];
  if (score >= k.positiveFrom) return 'positive';
  if (score <= k.negativeTo) return 'negative';
  return 'passive';
}

export interface Person {
  id: string;
  name: string;
}

export interface Mention {
  /** The name as matched, folded: "jose" or "jose alvarez". */
  matched: string;
  /** The sentence it was found in, as the customer wrote it. */
  sentence: string;
  /** One person: a match. Several: ambiguous, a person confirms. */
  candidateIds: string[];
}

export const words = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?;\n])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);

/** Where `needle` (folded words) occurs in `hay` (folded words), as whole words. */
function contains(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The shortest first name that is matched alone: "Al" would match too much. */
export const minFirstNameLength = 3;

/**
 * The people a text praises. `signal` is the score's (scoreSignal); a negative one finds nothing.
 * Each name is reported once per text (its first praising sentence).
 */
export function findPraise(text: string, signal: Signal, staff: readonly Person[]): Mention[] {
  if (signal === 'negative' || !text.trim()) return [];
  const people = staff.map((p) => ({ id: p.id, full: words(fold(p.name)) })).filter((p) => p.full.length > 0);
  const found = new Map<string, Mention>();
  for (const sentence of sentencesOf(text)) {
    const w = words(fold(sentence));
    if (w.some((x) => negative.has(x))) continue;
    if (signal !== 'positive' && !w.some((x) => thanks.has(x) || (x.startsWith('thank') && x.length <= 9))) continue;
    const claimed = new Set<string>();
    // Full names first: "José Álvarez" is his, even when another José works here.
    for (const p of people) {
      if (p.full.length < 2 || !contains(w, p.full)) continue;
      const matched = p.full.join(' ');
      const same = people.filter((q) => q.full.join(' ') === matched).map((q) => q.id);
      for (const id of same) claimed.add(id);
      p.full.forEach((x) => claimed.add(`word:${x}`));
      if (!found.has(matched)) found.set(matched, { matched, sentence, candidateIds: same });
    }
    const firsts = new Map<string, string[]>();
    for (const p of people) {
      const first = p.full[0]!;
      if (first.length < minFirstNameLength) continue;
      firsts.set(first, [...(firsts.get(first) ?? []), p.id]);
    }
    for (const [first, ids] of firsts) {
      if (claimed.has(`word:${first}`) || !w.includes(first) || found.has(first)) continue;
      found.set(first, { matched: first, sentence, candidateIds: ids });
    }
  }
  return [...found.values()];
}
