// Themes: what customers talk about. A theme is a named set of terms (sentiment/terms.ts); the
// texts that mention any of them are its mentions. People curate them: name, merge, split, pin;
// Kept suggests the terms most mentioned that no theme holds yet, and offers common themes in
// English, French and German to start with.
import type {
  ThemeInput,
  ThemeMerge,
  ThemePatch,
  ThemePeriodQuery,
  ThemeReport,
  ThemeSplit,
  ThemeSuggestion,
  ThemeText,
  ThemeTextsQuery,
} from '../../../contract/themes.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import * as store from '../../storage/themes.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import type { Db } from '../core/db.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import { npsFromGroups, proportion } from '../signals/scores.ts';
import { normalTwoSidedP } from '../signals/distributions.ts';
import { lexiconFor } from './sentiment/lexicon.ts';
import { isStopword, termsForWord } from './sentiment/terms.ts';
import { LANGUAGES } from './sentiment/words.ts';
import { STARTER_THEMES } from './starter-themes.ts';
import { z } from 'zod';

/** The default period: the last 90 days. */
export const DEFAULT_THEME_DAYS = 90;
const DAY = 86_400_000;

export function themePeriod(clock: Clock, q: ThemePeriodQuery): store.Period {
  // By default up to now, now included (the end is exclusive).
  const to = q.to ? new Date(q.to) : new Date(clock.now().getTime() + 1);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_THEME_DAYS * DAY);
  if (!(from < to)) throw invalidInput('The period is empty', [{ path: ['from'], message: '`from` must be before `to`' }]);
  if (to.getTime() - from.getTime() > 3 * 366 * DAY)
    throw invalidInput('The period is too long', [{ path: ['from'], message: 'at most three years' }]);
  return { from, to, previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())) };
}

function termsOfWords(words: string[]): string[] {
  const terms = [...new Set(words.flatMap(termsForWord))].filter((t) => t.length >= 2);
  if (!terms.length) throw invalidInput('A theme needs words', [{ path: ['words'], message: 'give at least one word customers use' }]);
  if (terms.length > 100)
    throw invalidInput('Too many words', [{ path: ['words'], message: 'at most 100 terms (each word counts in each language form)' }]);
  return terms;
}

async function mustGet(db: Db, workspaceId: string, id: string) {
  const theme = isUuid(id) ? await store.getThemeRecord(db, workspaceId, id) : undefined;
  if (!theme) throw notFound('Theme');
  return theme;
}

async function checkName(db: Db, workspaceId: string, name: string, exceptId?: string) {
  if (await store.themeNameTaken(db, workspaceId, name, exceptId)) {
    throw new KeptError('conflict', `A theme named “${name}” exists`, {
      reason: 'theme_name_taken',
      problems: [{ path: ['name'], message: 'pick another name, or merge into that theme' }],
    });
  }
}

function trendOf(current: number, n1: number, previous: number, n0: number): ThemeReport['items'][number]['trend'] {
  if (n1 < 30 || n0 < 30) return 'not_enough_data';
  const p1 = current / n1;
  const p0 = previous / n0;
  const pooled = (current + previous) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (se === 0) return 'steady';
  const p = normalTwoSidedP((p1 - p0) / se);
  return p >= 0.05 ? 'steady' : p1 > p0 ? 'rising' : 'falling';
}

export async function themeReport(db: Db, clock: Clock, workspaceId: string, q: ThemePeriodQuery): Promise<ThemeReport> {
  const period = themePeriod(clock, q);
  const themes = await store.listThemeRecords(db, workspaceId);
  const [texts, counts] = await Promise.all([
    store.countTexts(db, workspaceId, period),
    store.themeCounts(db, workspaceId, themes, period),
  ]);
  const byId = new Map(counts.map((c) => [c.themeId, c]));
  const items = themes.map((t) => {
    const c = byId.get(t.id) ?? { mentions: 0, negative: 0, positive: 0, previousMentions: 0, promoters: 0, passives: 0, detractors: 0 };
    const share = proportion(c.mentions, texts.current);
    const previousShare = proportion(c.previousMentions, texts.previous);
    const nps = npsFromGroups(c.promoters, c.passives, c.detractors);
    return {
      id: t.id,
      name: t.name,
      terms: t.terms,
      pinned: t.pinned,
      mentions: c.mentions,
      share: { value: share.value, interval: share.interval },
      previousMentions: c.previousMentions,
      previousShare: { value: previousShare.value, interval: previousShare.interval },
      trend: trendOf(c.mentions, texts.current, c.previousMentions, texts.previous),
      negativeShare: (({ value, interval }) => ({ value, interval }))(proportion(c.negative, c.mentions)),
      nps: { n: nps.n, value: nps.value, interval: nps.interval },
    };
  });
  items.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.mentions - a.mentions || a.name.localeCompare(b.name));
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), previousFrom: period.previousFrom.toISOString() },
    texts: texts.current,
    previousTexts: texts.previous,
    items,
  };
}

export async function createTheme(db: Db, clock: Clock, workspaceId: string, userId: string | null, input: ThemeInput) {
  await checkName(db, workspaceId, input.name);
  const now = clock.now();
  const theme = {
    id: uuidv7(),
    name: input.name,
    terms: termsOfWords(input.words),
    pinned: input.pinned,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
  };
  await store.insertThemes(db, workspaceId, [theme]);
  return theme;
}

export async function updateTheme(db: Db, clock: Clock, workspaceId: string, id: string, patch: ThemePatch) {
  await mustGet(db, workspaceId, id);
  if (patch.name !== undefined) await checkName(db, workspaceId, patch.name, id);
  await store.updateThemeRecord(db, workspaceId, id, {
    name: patch.name,
    terms: patch.words ? termsOfWords(patch.words) : undefined,
    pinned: patch.pinned,
    updatedAt: clock.now(),
  });
  return mustGet(db, workspaceId, id);
}

export async function deleteTheme(db: Db, workspaceId: string, id: string): Promise<void> {
  await mustGet(db, workspaceId, id);
  await store.deleteThemeRecords(db, workspaceId, [id]);
}

/** Folds other themes into this one: their terms join it, they are removed. */
export async function mergeThemes(db: Db, clock: Clock, workspaceId: string, id: string, input: ThemeMerge) {
  const into = await mustGet(db, workspaceId, id);
  if (input.themeIds.includes(id))
    throw invalidInput('A theme cannot be merged into itself', [{ path: ['themeIds'], message: 'leave out the theme you merge into' }]);
  const others = await Promise.all(
    input.themeIds.map(async (t, i) => {
      const theme = isUuid(t) ? await store.getThemeRecord(db, workspaceId, t) : undefined;
      if (!theme) throw invalidInput('No such theme', [{ path: ['themeIds', i], message: 'no theme with this id in this workspace' }]);
      return theme;
    }),
  );
  const terms = [...new Set([...into.terms, ...others.flatMap((o) => o.terms)])];
  if (terms.length > 100)
    throw invalidInput('The merged theme would have too many terms', [{ path: ['themeIds'], message: 'at most 100 terms in one theme' }]);
  await db.transaction().execute(async (tx) => {
    await store.updateThemeRecord(tx, workspaceId, id, {
      terms,
      pinned: into.pinned || others.some((o) => o.pinned),
      updatedAt: clock.now(),
    });
    await store.deleteThemeRecords(tx, workspaceId, input.themeIds);
  });
  return mustGet(db, workspaceId, id);
}

/** Moves some of a theme's terms to a new theme. */
export async function splitTheme(db: Db, clock: Clock, workspaceId: string, id: string, userId: string | null, input: ThemeSplit) {
  const from = await mustGet(db, workspaceId, id);
  const moving = new Set(input.terms);
  const unknown = input.terms.filter((t) => !from.terms.includes(t));
  if (unknown.length)
    throw invalidInput('Only the theme’s own terms can move', [
      { path: ['terms'], message: `not terms of “${from.name}”: ${unknown.join(', ')}` },
    ]);
  const staying = from.terms.filter((t) => !moving.has(t));
  if (!staying.length)
    throw invalidInput('A split must leave terms behind', [
      { path: ['terms'], message: 'rename the theme instead of moving all its terms' },
    ]);
  await checkName(db, workspaceId, input.name);
  const now = clock.now();
  const created = { id: uuidv7(), name: input.name, terms: [...moving], pinned: false, createdAt: now, createdBy: userId, updatedAt: now };
  await db.transaction().execute(async (tx) => {
    await store.updateThemeRecord(tx, workspaceId, id, { terms: staying, updatedAt: now });
    await store.insertThemes(tx, workspaceId, [created]);
  });
  return { kept: await mustGet(db, workspaceId, id), created };
}

/** Adds the common themes (delivery, refunds, billing, …) the workspace does not have yet, by name. */
export async function addStarterThemes(db: Db, clock: Clock, workspaceId: string, userId: string | null): Promise<number> {
  const existing = new Set((await store.listThemeRecords(db, workspaceId)).map((t) => t.name.toLowerCase()));
  const now = clock.now();
  const fresh = STARTER_THEMES.filter((s) => !existing.has(s.name.toLowerCase())).map((s) => ({
    id: uuidv7(),
    name: s.name,
    terms: termsOfWords(s.words),
    pinned: false,
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
  }));
  await store.insertThemes(db, workspaceId, fresh);
  return fresh.length;
}

const FEELING_THRESHOLD = 2;
/** Words of feeling ("great", "terrible") are how customers talk, not what about. */
function isFeeling(term: string): boolean {
  return LANGUAGES.some((l) => Math.abs(lexiconFor(l).lookup(term) ?? 0) >= FEELING_THRESHOLD);
}

export async function themeSuggestions(
  db: Db,
  clock: Clock,
  workspaceId: string,
  q: ThemePeriodQuery,
): Promise<{ items: ThemeSuggestion[] }> {
  const period = themePeriod(clock, q);
  const held = (await store.listThemeRecords(db, workspaceId)).flatMap((t) => t.terms);
  const top = await store.topTerms(db, workspaceId, period.from, period.to, held, 200);
  return { items: top.filter((t) => t.term.length >= 3 && !isStopword(t.term) && !isFeeling(t.term) && !/^\d/.test(t.term)).slice(0, 25) };
}

const positionSchema = z.object({ at: z.string(), id: z.string() });

export async function themeTexts(
  db: Db,
  clock: Clock,
  workspaceId: string,
  id: string,
  q: ThemeTextsQuery,
): Promise<{ items: ThemeText[]; nextCursor: string | null }> {
  const theme = await mustGet(db, workspaceId, id);
  const period = themePeriod(clock, q);
  const after = q.cursor ? decodeCursor(q.cursor, positionSchema) : null;
  const rows = await store.textsMentioning(
    db,
    workspaceId,
    theme.terms,
    period.from,
    period.to,
    after && { at: new Date(after.at), id: after.id },
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.occurredAt.toISOString(), id: last.sourceId }) : null,
  };
}
