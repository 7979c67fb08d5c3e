// Sentiment of one free text in English, French or German: a lexicon (lexicon.ts) with the rules
// that general lexicons get wrong in customer feedback, each one named:
//  - negation: "not happy", "pas du tout satisfait", "bin nicht zufrieden", and at a clause's end in
//    French and German ("ich bereue meine Wahl nicht");
//  - contrast: "fast, but the box was damaged" weighs what follows "but" more (as VADER does);
//  - sarcasm: "Thank you for nothing", and praise opening a sentence about what went wrong
//    ("Great, another week of waiting") counts as the complaint it is;
//  - mixed: praise and blame of similar weight is "mixed", not an average that reads "neutral".
import {
  COMPARISON_MARKERS,
  CONJUNCTIONS,
  CONTRASTS,
  INTENSIFIERS,
  LANGUAGES,
  NEGATORS,
  PRAISE_OPENERS,
  SARCASM_PHRASES,
  type Language,
} from './words.ts';
import { lexiconFor } from './lexicon.ts';

export type SentimentLabel = 'positive' | 'negative' | 'mixed' | 'neutral';

export interface Sentiment {
  /** -1 (as negative as it gets) to 1, VADER's normalisation of the summed weights. */
  score: number;
  label: SentimentLabel;
  language: Language;
}

const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[.!?;:]+|,/gu;
const CLAUSE_END = /^[.!?;:,]+$/;
/** Weights of opposite sign both at least this large make a text "mixed". */
const MIXED_FLOOR = 1.5;
/** ...and the weaker side at least this share of the stronger one. */
const MIXED_BALANCE = 0.5;
/** Below this |score| a text that is not mixed is neutral. */
const NEUTRAL_BAND = 0.05;
const NEGATION_SCOPE = 3;

function tokens(text: string, language: Language): string[] {
  let t = text.toLowerCase().replace(/’/g, "'");
  if (language === 'en') t = t.replace(/n't\b/g, ' not').replace(/\bcan not\b/g, 'cannot');
  if (language === 'fr') t = t.replace(/\b(n|l|d|j|qu|c|s|m|t)'/g, (_, p: string) => (p === 'n' ? 'ne ' : `${p}' `));
  return t.match(TOKEN) ?? [];
}

const STOPWORDS_FOR_DETECTION: Record<Language, ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'is', 'was', 'to', 'of', 'my', 'it', 'i', 'you', 'for', 'not', 'with', 'a', 'on', 'in', 'this', 'me']),
  fr: new Set(['le', 'la', 'les', 'et', 'est', 'de', 'un', 'une', 'pas', 'je', 'pour', 'du', 'des', 'mon', 'ma', 'au', 'avec', 'très']),
  de: new Set([
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ich',
    'ein',
    'eine',
    'mit',
    'mein',
    'meine',
    'zu',
    'auf',
    'für',
    'sehr',
    'es',
    'den',
  ]),
};

/** The language a text is most likely in, by its common words; `fallback` when nothing tells. */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = fallback;
  let bestHits = 0;
  for (const language of LANGUAGES) {
    const set = STOPWORDS_FOR_DETECTION[language];
    const hits = words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0);
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}

export function languageOf(locale: string | null | undefined): Language | undefined {
  const base = locale?.slice(0, 2).toLowerCase();
  return LANGUAGES.find((l) => l === base);
}

export function analyseSentiment(text: string, language?: Language): Sentiment {
  const lang = language ?? detectLanguage(text);
  const lower = text.toLowerCase().replace(/’/g, "'");
  if (SARCASM_PHRASES[lang].some((re) => re.test(lower))) return { score: -0.6, label: 'negative', language: lang };
  const lexicon = lexiconFor(lang);
  const words = tokens(text, lang);
  const negators = NEGATORS[lang];
  const contrasts = CONTRASTS[lang];
  const intensifiers = INTENSIFIERS[lang];

  // Weights per token, before clause weighting.
  const weights: number[] = words.map((w) => lexicon.lookup(w) ?? 0);
  for (const [i, w] of words.entries()) if (negators.has(w) || contrasts.has(w) || CLAUSE_END.test(w)) weights[i] = 0;

  // Negation: forwards within the clause ("not happy"); in French and German also backwards when
  // the negator ends the clause ("ich bereue meine Wahl nicht"). "Never had a better…" keeps its sign.
  const conjunctions = CONJUNCTIONS[lang];
  const markers = COMPARISON_MARKERS[lang];
  const stops = (w: string) => CLAUSE_END.test(w) || conjunctions.has(w) || contrasts.has(w);
  // "ne … pas", "not … never": one negation, so a word is turned around once.
  const turned = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    if (!negators.has(words[i]!)) continue;
    let found = false;
    for (let j = i + 1; j < words.length && j <= i + NEGATION_SCOPE && !stops(words[j]!); j++) {
      if (negators.has(words[j]!)) continue;
      if (markers.has(words[j]!) || markers.has(words[j - 1]!)) {
        found = true;
        break;
      }
      if (weights[j] !== 0) {
        if (!turned.has(j)) weights[j] = -weights[j]! * 0.75;
        turned.add(j);
        found = true;
        break;
      }
    }
    const endsClause = i + 1 >= words.length || stops(words[i + 1]!) || (i + 2 < words.length && stops(words[i + 2]!));
    if (!found && lang !== 'en' && endsClause) {
      for (let j = i - 1; j >= 0 && j >= i - NEGATION_SCOPE - 1 && !stops(words[j]!); j--) {
        if (weights[j] !== 0) {
          if (!turned.has(j)) weights[j] = -weights[j]! * 0.75;
          turned.add(j);
          break;
        }
      }
    }
  }
  // "Merci de m'envoyer…" is a request, not thanks.
  if (lang === 'fr') for (let i = 0; i + 1 < words.length; i++) if (words[i] === 'merci' && /^d/.test(words[i + 1]!)) weights[i] = 0;
  for (let i = 1; i < words.length; i++) {
    const boost = intensifiers.get(words[i - 1]!);
    if (boost && weights[i] !== 0) weights[i] = weights[i]! * boost;
  }

  // Contrast: the part before the last contrast word counts half, the part after 1.5 times.
  let lastContrast = -1;
  for (const [i, w] of words.entries()) if (contrasts.has(w) && i > 0) lastContrast = i;
  let positive = 0;
  let negative = 0;
  let rawPositive = 0;
  let rawNegative = 0;
  for (const [i, w] of weights.entries()) {
    const factor = lastContrast < 0 ? 1 : i < lastContrast ? 0.5 : 1.5;
    if (w > 0) {
      positive += w * factor;
      rawPositive += w;
    } else {
      negative -= w * factor;
      rawNegative -= w;
    }
  }

  // Sarcasm: praise that opens a text (or a sentence) about something that went wrong.
  const opener = words.findIndex((w) => !CLAUSE_END.test(w));
  const opensWithPraise = opener >= 0 && PRAISE_OPENERS[lang].has(words[opener]!);
  if (opensWithPraise && negative >= 1 && lastContrast < 0) {
    negative += positive;
    rawNegative += rawPositive;
    positive = 0;
    rawPositive = 0;
  }
  const exclaim = /!/.test(text) ? 1.1 : 1;
  const sum = (positive - negative) * exclaim;
  const score = sum / Math.sqrt(sum * sum + 15);
  let label: SentimentLabel;
  if (
    rawPositive >= MIXED_FLOOR &&
    rawNegative >= MIXED_FLOOR &&
    Math.min(rawPositive, rawNegative) / Math.max(rawPositive, rawNegative) >= MIXED_BALANCE
  )
    label = 'mixed';
  else if (score > NEUTRAL_BAND) label = 'positive';
  else if (score < -NEUTRAL_BAND) label = 'negative';
  else label = rawPositive > 0 && rawNegative > 0 ? 'mixed' : 'neutral';
  return { score: Math.round(score * 1000) / 1000, label, language: lang };
}
