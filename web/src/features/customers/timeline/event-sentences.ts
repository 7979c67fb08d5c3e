// The sentences of the built-in event types, one function each: the event's data in words
// (see event-sentence.ts for money, dates, items and links). A type not listed here, or an
// event whose data lacks what its sentence needs, answers undefined and the timeline shows its
// data under readable labels instead.

import type { Part, WordsOptions } from './event-sentence.ts';
import { businessSentences } from './business-sentences.ts';
import { keptSentences } from './kept-sentences.ts';
import type { Data, Sentence } from './sentence-kit.ts';

const sentences: Record<string, Sentence> = { ...businessSentences, ...keptSentences };

/** The event in one sentence, or undefined when its type has none (or its data does not fit one). */
export function sentenceOf(e: { type: string; data: Data }, o: WordsOptions = {}): Part[] | undefined {
  const make = sentences[e.type];
  if (!make) return undefined;
  const parts = make(e.data ?? {}, o);
  if (!parts) return undefined;
  const out: Part[] = [];
  for (const p of parts.flat()) {
    if (p === undefined || p === false || p === '') continue;
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  // Tidy: "…jar”." reads right; "..".
  const tail = out[out.length - 1];
  if (typeof tail === 'string') out[out.length - 1] = tail.replace(/\s+\./g, '.').replace(/\.\.$/, '.').replace(/ {2,}/g, ' ');
  const head = out[0];
  if (typeof head === 'string') out[0] = head.charAt(0).toUpperCase() + head.slice(1);
  return out;
}

/** The built-in types with a sentence. */
export const builtInTypes = Object.keys(sentences);

/** A sentence as plain text (links as their text): for titles, screen-reader text and tests. */
export const sentenceText = (parts: readonly Part[]) => parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
