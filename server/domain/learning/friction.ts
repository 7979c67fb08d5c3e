// Friction tagged to a rule: a case, a complaint or an answer of this workspace, in one call;
// and the rules whose phrases the customer's words contain, suggested for a person to confirm.
import type { Friction, FrictionInput, ItemRef, RuleSuggestion } from '../../../contract/learning.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/learning-rules.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError } from '../core/errors.ts';
import { ruleOf } from './rules.ts';
import { themesOfRule } from '../measurement/theme-rules.ts';

export const presentFriction = (f: store.FrictionRecord): Friction => ({
  id: f.id,
  ruleId: f.ruleId,
  kind: f.kind,
  itemId: f.itemId,
  customerId: f.customerId,
  occurredAt: f.occurredAt.toISOString(),
  words: f.words,
  taggedAt: f.taggedAt.toISOString(),
  taggedBy: f.taggedBy,
  suggested: f.suggested,
});

/** The item, or a named error: an id of another workspace (or none at all) is not this workspace's item. */
export async function feedbackItemOf(db: Db, workspaceId: string, ref: ItemRef, field: (string | number)[] = []) {
  const item = await store.findFeedbackItem(db, workspaceId, ref.kind, ref.id);
  if (!item) {
    throw new KeptError('invalid_input', `No ${ref.kind} ${ref.id} in this workspace`, {
      reason: 'unknown_item',
      problems: [{ path: [...field, 'id'], message: `no such ${ref.kind} in this workspace` }],
    });
  }
  return item;
}

export async function tagFriction(
  db: Db,
  clock: Clock,
  workspaceId: string,
  ruleId: string,
  byUser: string | null,
  input: FrictionInput,
): Promise<Friction & { duplicate: boolean }> {
  const rule = await ruleOf(db, workspaceId, ruleId);
  if (rule.status === 'trashed')
    throw new KeptError('conflict', 'The rule is trashed; friction cannot be tagged to it', { reason: 'rule_trashed' });
  const item = await feedbackItemOf(db, workspaceId, input);
  const now = clock.now();
  const { friction, duplicate } = await store.insertFriction(db, {
    workspaceId,
    id: uuidv7(now.getTime()),
    ruleId,
    item,
    at: now,
    byUser,
    suggested: input.suggested,
  });
  return { ...presentFriction(friction), duplicate };
}

/** Lower case, accents off, anything but letters and digits a single space: "Frais de re-stockage!" → "frais de re stockage". */
export function normalizeWords(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The phrases (as the rule lists them) found as whole words in the text. */
export function matchPhrases(text: string, phrases: string[]): string[] {
  const words = ` ${normalizeWords(text)} `;
  return phrases.filter((p) => {
    const n = normalizeWords(p);
    return n.length > 0 && words.includes(` ${n} `);
  });
}

export async function suggestRules(db: Db, workspaceId: string, ref: ItemRef): Promise<{ items: RuleSuggestion[] }> {
  const item = await feedbackItemOf(db, workspaceId, ref);
  if (!item.words) return { items: [] };
  const rules = (await store.listRules(db, workspaceId)).filter((r) => r.status !== 'trashed');
  // Themes feed the suggestions: a theme that shares a term with a rule's phrases widens the rule to
  // the theme's words in every language ("fee" in the rule, "frais" and "Gebühr" in the theme).
  const viaThemes = await themesOfRule(db, workspaceId, item.words, rules);
  const items = rules
    .map((r) => {
      const phrases = matchPhrases(item.words!, r.phrases);
      return { ruleId: r.id, name: r.name, matched: phrases.length ? phrases : (viaThemes.get(r.id) ?? []).map((t) => `theme “${t}”`) };
    })
    .filter((s) => s.matched.length > 0)
    .sort(
      (a, b) =>
        Number(b.matched[0]!.startsWith('theme ') ? 0 : 1) - Number(a.matched[0]!.startsWith('theme ') ? 0 : 1) ||
        b.matched.length - a.matched.length ||
        a.name.localeCompare(b.name),
    );
  return { items };
}
