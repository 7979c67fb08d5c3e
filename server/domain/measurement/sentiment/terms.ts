// The terms a text mentions, for themes: its content words (stopwords of the three languages left
// out, by the stopwords-iso lists), lower case, without accents, with plural and case endings
// stripped, so "Deliveries", "delivery's" and "delivery" meet, as do "Pakete" and "Paket".
import { createRequire } from 'node:module';
import { fold } from './lexicon.ts';
import { LANGUAGES, type Language } from './words.ts';

const require = createRequire(import.meta.url);
let stopwords: Record<Language, ReadonlySet<string>> | undefined;
/** Read on first use, not when the server starts. */
function stopwordsOf(language: Language): ReadonlySet<string> {
  if (!stopwords) {
    const lists = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;
    const set = (l: Language) => new Set((lists[l] ?? []).map(fold));
    stopwords = { en: set('en'), fr: set('fr'), de: set('de') };
  }
  return stopwords[language];
}
/** A text's terms are at most this many (the first ones), so one essay does not weigh like fifty comments. */
export const MAX_TERMS_PER_TEXT = 60;
const WORD = /[\p{L}][\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*/gu;

export function stemTerm(word: string, language: Language): string {
  let w = fold(word.toLowerCase()).replace(/'s$/, '');
  if (language === 'en') {
    if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
    else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  } else if (language === 'fr') {
    if (w.length > 4 && w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
    else if (w.length > 3 && /[sx]$/.test(w)) w = w.slice(0, -1);
  } else {
    for (const ending of ['en', 'e', 'n', 's']) {
      if (w.length - ending.length >= 4 && w.endsWith(ending)) {
        w = w.slice(0, -ending.length);
        break;
      }
    }
  }
  return w;
}

export function termsOf(text: string, language: Language): string[] {
  const stop = stopwordsOf(language);
  const out = new Set<string>();
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length < 3 || stop.has(fold(word))) continue;
    out.add(stemTerm(word, language));
    if (out.size >= MAX_TERMS_PER_TEXT) break;
  }
  return [...out];
}

/** A word people type for a theme, in whichever of the languages it is: every form it may take. */
export function termsForWord(word: string): string[] {
  const clean = word.trim().toLowerCase();
  return [...new Set(LANGUAGES.map((l) => stemTerm(clean, l)))];
}

export function isStopword(term: string): boolean {
  return LANGUAGES.some((l) => stopwordsOf(l).has(term));
}
