// Where themes meet the learning capability's rules: a theme whose terms share one with a rule's
// phrases belongs to that rule, so a text mentioning the theme (in any of its languages) suggests
// the rule for a person to confirm, even when none of the rule's own phrases is in it.
import type { Db } from '../core/db.ts';
import { listThemeRecords } from '../../storage/themes.ts';
import { detectLanguage } from './sentiment/analyse.ts';
import { isStopword, termsForWord, termsOf } from './sentiment/terms.ts';

/** For each rule, the names of the themes the words mention that share a term with its phrases. */
export async function themesOfRule(
  db: Db,
  workspaceId: string,
  words: string,
  rules: readonly { id: string; phrases: readonly string[] }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const themes = await listThemeRecords(db, workspaceId);
  if (!themes.length) return out;
  const mentioned = new Set(termsOf(words, detectLanguage(words)));
  const themesMentioned = themes.filter((t) => t.terms.some((x) => mentioned.has(x)));
  if (!themesMentioned.length) return out;
  for (const rule of rules) {
    const ruleTerms = new Set(
      rule.phrases.flatMap((p) =>
        p
          .split(/\s+/)
          .filter((w) => w.length >= 3 && !isStopword(w.toLowerCase()))
          .flatMap(termsForWord),
      ),
    );
    const names = themesMentioned.filter((t) => t.terms.some((x) => ruleTerms.has(x))).map((t) => t.name);
    if (names.length) out.set(rule.id, names);
  }
  return out;
}
