// Customer-facing texts: the built-in ones in English, French and German, a survey's own
// overrides per locale, and how a locale is chosen from the customer's and the browser's.
// The scale is explained only by its two ends ("Not at all likely" / "Extremely likely"); no
// text ever names the bands (promoters, detractors, "9-10 = ...").
import { builtInLocales, surveyTextKeys, type Survey, type SurveyKind, type SurveyTexts } from '../../../contract/surveys.ts';

export type BuiltInLocale = (typeof builtInLocales)[number];
type KindTexts = Pick<SurveyTexts, 'question' | 'lowLabel' | 'highLabel'>;
type CommonTexts = Omit<SurveyTexts, keyof KindTexts>;

// French typography puts a (non-breaking) space before ? and !.
const nb = '\u00a0';

const byKind: Record<BuiltInLocale, Record<SurveyKind, KindTexts>> = {
  en: {
    nps: {
      question: 'How likely are you to recommend {brand} to a friend or colleague?',
      lowLabel: 'Not at all likely',
      highLabel: 'Extremely likely',
    },
    csat: { question: 'How satisfied are you with {brand}?', lowLabel: 'Very dissatisfied', highLabel: 'Very satisfied' },
    ces: { question: '{brand} made it easy for me to handle my request.', lowLabel: 'Strongly disagree', highLabel: 'Strongly agree' },
  },
  fr: {
    nps: {
      question: `Quelle est la probabilité que vous recommandiez {brand} à un ami ou à un collègue${nb}?`,
      lowLabel: 'Pas du tout probable',
      highLabel: 'Extrêmement probable',
    },
    csat: {
      question: `Dans quelle mesure êtes-vous satisfait de {brand}${nb}?`,
      lowLabel: 'Très insatisfait',
      highLabel: 'Très satisfait',
    },
    ces: {
      question: '{brand} m’a permis de traiter facilement ma demande.',
      lowLabel: 'Pas du tout d’accord',
      highLabel: 'Tout à fait d’accord',
    },
  },
  de: {
    nps: {
      question: 'Wie wahrscheinlich ist es, dass Sie {brand} einem Freund oder Kollegen weiterempfehlen?',
      lowLabel: 'Überhaupt nicht wahrscheinlich',
      highLabel: 'Äußerst wahrscheinlich',
    },
    csat: { question: 'Wie zufrieden sind Sie mit {brand}?', lowLabel: 'Sehr unzufrieden', highLabel: 'Sehr zufrieden' },
    ces: {
      question: '{brand} hat es mir leicht gemacht, mein Anliegen zu erledigen.',
      lowLabel: 'Stimme überhaupt nicht zu',
      highLabel: 'Stimme voll und ganz zu',
    },
  },
};

const common: Record<BuiltInLocale, CommonTexts> = {
  en: {
    reasonQuestion: 'What is the main reason for your score?',
    submit: 'Send',
    thankYou: 'Thank you! Your answer helps {brand} do better.',
    emailSubject: 'A quick question from {brand}',
    emailIntro: 'We would like to know how we are doing. Answering takes a click.',
    dismiss: 'Not now',
  },
  fr: {
    reasonQuestion: `Quelle est la raison principale de votre note${nb}?`,
    submit: 'Envoyer',
    thankYou: `Merci${nb}! Votre réponse aide {brand} à s’améliorer.`,
    emailSubject: 'Une petite question de la part de {brand}',
    emailIntro: 'Nous aimerions savoir ce que vous pensez de nous. Répondre ne prend qu’un clic.',
    dismiss: 'Pas maintenant',
  },
  de: {
    reasonQuestion: 'Was ist der Hauptgrund für Ihre Bewertung?',
    submit: 'Senden',
    thankYou: 'Vielen Dank! Ihre Antwort hilft {brand}, besser zu werden.',
    emailSubject: 'Eine kurze Frage von {brand}',
    emailIntro: 'Wir möchten gern wissen, wie zufrieden Sie mit uns sind. Die Antwort kostet Sie nur einen Klick.',
    dismiss: 'Nicht jetzt',
  },
};

/** The built-in texts of a kind in a built-in locale, with {brand} still in them. */
export function builtInTexts(kind: SurveyKind, locale: BuiltInLocale): SurveyTexts {
  return { ...byKind[locale][kind], ...common[locale] };
}

export const isBuiltIn = (l: string): l is BuiltInLocale => (builtInLocales as readonly string[]).includes(l);

/**
 * A language tag in the form Kept stores (`fr`, `pt-BR`), or undefined when it is not one.
 * Accepts what browsers and customer records carry: `fr_ca`, `FR-ca`, `zh-Hant-TW`, `de-DE-1996`.
 */
export function normalizeLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const parts = tag.trim().replaceAll('_', '-').split('-');
  const lang = parts[0]!.toLowerCase();
  if (!/^[a-z]{2}$/.test(lang)) return undefined;
  const region = parts.slice(1).find((p) => /^[a-zA-Z]{2}$/.test(p));
  return region ? `${lang}-${region.toUpperCase()}` : lang;
}

export const languageOf = (locale: string) => locale.split('-')[0]!;

/** The locales to look in, most specific first: fr-CA, fr, the survey's default (and its language), en. */
function lookupOrder(survey: Survey, locale: string): string[] {
  const order: string[] = [];
  const add = (l: string | undefined) => {
    if (l && !order.includes(l)) order.push(l);
  };
  const wanted = normalizeLocale(locale);
  const fallback = normalizeLocale(survey.defaultLocale);
  for (const l of [wanted, fallback]) {
    if (!l) continue;
    add(l);
    add(languageOf(l));
  }
  add('en');
  return order;
}

const fill = (text: string, brand: string) => text.replaceAll('{brand}', brand);

/** The brand customers see: the survey's brand name, else its own name. */
export const brandName = (survey: Survey) => survey.brand.name ?? survey.name;

/**
 * Every customer-facing text of a survey in a locale. For each text the first of: the survey's
 * own text in the locale, the built-in one in the locale, then the same for the locale's
 * language (fr-CA -> fr), the survey's default locale, and English. {brand} is replaced.
 */
export function textsFor(survey: Survey, locale: string): SurveyTexts {
  const order = lookupOrder(survey, locale);
  const brand = brandName(survey);
  const out = {} as SurveyTexts;
  for (const key of surveyTextKeys) {
    let text: string | undefined;
    for (const l of order) {
      text =
        survey.texts[l]?.[key] ??
        (isBuiltIn(l)
          ? ((byKind[l][survey.kind] as Partial<SurveyTexts>)[key] ?? common[l][key as keyof (typeof common)[typeof l]])
          : undefined);
      if (text !== undefined) break;
    }
    out[key] = fill(text!, brand);
  }
  return out;
}

/**
 * The locale to speak: the first candidate (most preferred first) that the survey has texts for
 * or that Kept ships, exactly (fr-CA) or by its language (fr-CA -> fr; fr -> a survey's fr-CA).
 * Otherwise the survey's default locale.
 */
export function chooseLocale(survey: Pick<Survey, 'texts' | 'defaultLocale'>, candidates: (string | null | undefined)[]): string {
  const own = Object.keys(survey.texts).filter((l) => Object.keys(survey.texts[l] ?? {}).length > 0);
  const known = (l: string) => own.includes(l) || isBuiltIn(l);
  for (const raw of candidates) {
    const c = normalizeLocale(raw);
    if (!c) continue;
    if (known(c)) return c;
    const lang = languageOf(c);
    if (known(lang)) return lang;
    const sameLanguage = own.find((l) => languageOf(l) === lang);
    if (sameLanguage) return sameLanguage;
  }
  return normalizeLocale(survey.defaultLocale) ?? 'en';
}

/** A built-in locale for pages that belong to no survey (unsubscribe, error pages). */
export function chooseBuiltInLocale(candidates: (string | null | undefined)[]): BuiltInLocale {
  for (const raw of candidates) {
    const c = normalizeLocale(raw);
    if (!c) continue;
    const lang = languageOf(c);
    if (isBuiltIn(lang)) return lang;
  }
  return 'en';
}

/** The languages of an Accept-Language header, most preferred first; `*` and q=0 are left out. */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; i: number }[] = [];
  header
    .slice(0, 1000)
    .split(',')
    .slice(0, 30)
    .forEach((part, i) => {
      const [rawTag, ...params] = part.split(';');
      const tag = normalizeLocale(rawTag);
      if (!tag) return;
      let q = 1;
      for (const p of params) {
        if (!/^\s*q\s*=/i.test(p)) continue;
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
        q = m ? Number(m[1]) : -1; // a malformed weight drops the entry
      }
      if (q > 0 && q <= 1 && !entries.some((e) => e.tag === tag)) entries.push({ tag, q, i });
    });
  return entries.sort((a, b) => b.q - a.q || a.i - b.i).map((e) => e.tag);
}

/** A label given per locale (extra questions and their options) in the locale, or the best fallback. */
export function questionLabel(label: Record<string, string>, locale: string, fallback: string): string {
  const tried = [normalizeLocale(locale), normalizeLocale(fallback), 'en'].filter((l): l is string => !!l);
  for (const l of tried) {
    const lang = languageOf(l);
    const hit = label[l] ?? label[lang] ?? Object.entries(label).find(([k]) => languageOf(k) === lang)?.[1];
    if (hit !== undefined) return hit;
  }
  return Object.values(label)[0] ?? '';
}
