// The words the analyser's rules need beside its lexicon: negators, contrast words, intensifiers,
// sarcasm's tells. Each list is per language; keys are lower case with their accents. What the
// lexicon itself gets added or taken away is in service-words.ts.
export type Language = 'en' | 'fr' | 'de';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'de'];

/** Words that turn what follows (or, in German and French, what precedes at a clause's end) around. */
export const NEGATORS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'cannot', 'without', 'hardly', 'barely']),
  fr: new Set(['ne', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'ni', 'sans', 'guère', 'personne']),
  de: new Set([
    'nicht',
    'kein',
    'keine',
    'keinen',
    'keinem',
    'keiner',
    'keines',
    'nie',
    'niemals',
    'nichts',
    'weder',
    'ohne',
    'niemand',
    'niemandem',
  ]),
};

/** After a negator these keep the sign of what they mark: "never had a better…", "noch nie so schnell". */
export const COMPARISON_MARKERS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['better', 'happier', 'faster', 'easier', 'nicer', 'so', 'as', 'more']),
  fr: new Set(['mieux', 'meilleur', 'meilleure', 'aussi', 'si', 'plus']),
  de: new Set(['besser', 'schneller', 'so', 'mehr']),
};

/** Clause boundaries a negation does not reach over. */
export const CONJUNCTIONS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['and', 'or', 'because', 'since', 'when', 'so']),
  fr: new Set(['et', 'ou', 'car', 'parce', 'quand', 'depuis']),
  de: new Set(['und', 'oder', 'weil', 'denn', 'als', 'seit', 'dass']),
};

/** "X, but Y": what follows weighs more than what precedes (as in VADER). */
export const CONTRASTS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['but', 'however', 'yet', 'although', 'though', 'nevertheless', 'still']),
  fr: new Set(['mais', 'cependant', 'pourtant', 'toutefois', 'néanmoins']),
  de: new Set(['aber', 'jedoch', 'doch', 'trotzdem', 'allerdings', 'dennoch']),
};

export const INTENSIFIERS: Record<Language, ReadonlyMap<string, number>> = {
  en: new Map([
    ['very', 1.3],
    ['really', 1.3],
    ['extremely', 1.5],
    ['so', 1.2],
    ['totally', 1.3],
    ['absolutely', 1.4],
    ['quite', 1.1],
    ['too', 1.2],
    ['super', 1.3],
  ]),
  fr: new Map([
    ['très', 1.3],
    ['vraiment', 1.3],
    ['extrêmement', 1.5],
    ['tellement', 1.3],
    ['trop', 1.2],
    ['totalement', 1.3],
    ['absolument', 1.4],
    ['super', 1.3],
  ]),
  de: new Map([
    ['sehr', 1.3],
    ['wirklich', 1.3],
    ['extrem', 1.5],
    ['so', 1.2],
    ['total', 1.3],
    ['absolut', 1.4],
    ['zu', 1.2],
    ['äußerst', 1.5],
    ['super', 1.3],
  ]),
};

/**
 * Praise words that, opening a sentence about something that went wrong, are sarcasm:
 * "Great, another week of waiting", "Génial, encore…", "Toll, noch eine Woche…".
 */
export const PRAISE_OPENERS: Record<Language, ReadonlySet<string>> = {
  en: new Set([
    'great',
    'brilliant',
    'wonderful',
    'perfect',
    'amazing',
    'fantastic',
    'nice',
    'lovely',
    'super',
    'impressive',
    'excellent',
    'love',
    'thanks',
    'really',
  ]),
  fr: new Set(['génial', 'super', 'bravo', 'parfait', 'merci', 'impressionnant', 'formidable', 'magnifique', "j'adore", 'adore', 'très']),
  de: new Set(['toll', 'super', 'prima', 'perfekt', 'klasse', 'beeindruckend', 'danke', 'wunderbar', 'großartig', 'liebe', 'sehr']),
};

/** "Thank you for nothing" and its kin: always negative, whatever the lexicon says of "thank". */
export const SARCASM_PHRASES: Record<Language, readonly RegExp[]> = {
  en: [
    /\bthanks?( you)? for nothing\b/u,
    /\bthanks for the (fantastic|wonderful|great|lovely) [\p{L} ]*(music|wait)/u,
    /\bfive stars for\b/u,
  ],
  fr: [/\bmerci pour rien\b/u, /\bmerci pour la musique\b/u, /\bcinq étoiles pour\b/u],
  de: [/\bdanke für nichts\b/u, /\bdanke für die (tolle|schöne) warteschleife/u, /\bfünf sterne für\b/u],
};
