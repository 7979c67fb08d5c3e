// Themes: named sets of terms, and what the text insights say about each over a period (how many
// texts mention it, how many are negative, the NPS answers of those who mention it), the terms
// most mentioned that no theme holds yet, and the texts behind a theme, newest first.
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { SentimentLabel, TextSource } from './schema.ts';

export interface ThemeRecord {
  id: string;
  name: string;
  terms: string[];
  pinned: boolean;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
}

export interface ThemeCounts {
  themeId: string;
  mentions: number;
  negative: number;
  positive: number;
  previousMentions: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface Period {
  from: Date;
  to: Date;
  previousFrom: Date;
}

const toRecord = (r: {
  id: string;
  name: string;
  terms: string[];
  pinned: boolean;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
}): ThemeRecord => ({
  id: r.id,
  name: r.name,
  terms: r.terms,
  pinned: r.pinned,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

export async function listThemeRecords(db: Db, workspaceId: string): Promise<ThemeRecord[]> {
  const rows = await db
    .selectFrom('themes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('pinned', 'desc')
    .orderBy('name')
    .execute();
  return rows.map(toRecord);
}

export async function getThemeRecord(db: Db, workspaceId: string, id: string): Promise<ThemeRecord | undefined> {
  const row = await db.selectFrom('themes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function themeNameTaken(db: Db, workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('themes')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertThemes(db: Db, workspaceId: string, themes: ThemeRecord[]): Promise<void> {
  if (!themes.length) return;
  await db
    .insertInto('themes')
    .values(
      themes.map((t) => ({
        workspace_id: workspaceId,
        id: t.id,
        name: t.name,
        terms: t.terms,
        pinned: t.pinned,
        created_at: t.createdAt,
        created_by: t.createdBy,
        updated_at: t.updatedAt,
      })),
    )
    .onConflict((oc) => oc.expression(sql`workspace_id, lower(name)`).doNothing())
    .execute();
}

export async function updateThemeRecord(
  db: Db,
  workspaceId: string,
  id: string,
  patch: { name?: string; terms?: string[]; pinned?: boolean; updatedAt: Date },
): Promise<void> {
  await db
    .updateTable('themes')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.terms !== undefined ? { terms: patch.terms } : {}),
      ...(patch.pinned !== undefined ? { pinned: patch.pinned } : {}),
      updated_at: patch.updatedAt,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteThemeRecords(db: Db, workspaceId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.deleteFrom('themes').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** Texts analysed in [from, to) and in the period before it. */
export async function countTexts(db: Db, workspaceId: string, period: Period): Promise<{ current: number; previous: number }> {
  const row = (
    await sql<{ current: string; previous: string }>`
      SELECT count(*) FILTER (WHERE occurred_at >= ${period.from}) AS current,
             count(*) FILTER (WHERE occurred_at < ${period.from}) AS previous
        FROM text_insights
       WHERE workspace_id = ${workspaceId} AND occurred_at >= ${period.previousFrom} AND occurred_at < ${period.to}`.execute(db)
  ).rows[0]!;
  return { current: Number(row.current), previous: Number(row.previous) };
}

export async function themeCounts(
  db: Db,
  workspaceId: string,
  themes: { id: string; terms: string[] }[],
  period: Period,
): Promise<ThemeCounts[]> {
  if (!themes.length) return [];
  const rows = (
    await sql<{
      id: string;
      mentions: string;
      negative: string;
      positive: string;
      previous: string;
      promoters: string;
      passives: string;
      detractors: string;
    }>`
      SELECT t.id,
             count(*) FILTER (WHERE i.occurred_at >= ${period.from}) AS mentions,
             count(*) FILTER (WHERE i.occurred_at >= ${period.from} AND i.label = 'negative') AS negative,
             count(*) FILTER (WHERE i.occurred_at >= ${period.from} AND i.label = 'positive') AS positive,
             count(*) FILTER (WHERE i.occurred_at < ${period.from}) AS previous,
             count(*) FILTER (WHERE i.occurred_at >= ${period.from} AND r.kind = 'nps' AND r.score >= 9) AS promoters,
             count(*) FILTER (WHERE i.occurred_at >= ${period.from} AND r.kind = 'nps' AND r.score BETWEEN 7 AND 8) AS passives,
             count(*) FILTER (WHERE i.occurred_at >= ${period.from} AND r.kind = 'nps' AND r.score <= 6) AS detractors
        FROM jsonb_to_recordset(${JSON.stringify(themes.map((t) => ({ id: t.id, terms: t.terms })))}::jsonb) AS t(id uuid, terms text[])
        LEFT JOIN text_insights i
          ON i.workspace_id = ${workspaceId} AND i.terms && t.terms
         AND i.occurred_at >= ${period.previousFrom} AND i.occurred_at < ${period.to}
        LEFT JOIN responses r ON i.source = 'answer' AND r.workspace_id = i.workspace_id AND r.id = i.source_id
       GROUP BY t.id`.execute(db)
  ).rows;
  return rows.map((r) => ({
    themeId: r.id,
    mentions: Number(r.mentions),
    negative: Number(r.negative),
    positive: Number(r.positive),
    previousMentions: Number(r.previous),
    promoters: Number(r.promoters),
    passives: Number(r.passives),
    detractors: Number(r.detractors),
  }));
}

/** The terms most texts of the period mention, leaving out `exclude`, with one example each. */
export async function topTerms(
  db: Db,
  workspaceId: string,
  from: Date,
  to: Date,
  exclude: string[],
  limit: number,
): Promise<{ term: string; mentions: number; negative: number }[]> {
  const rows = (
    await sql<{ term: string; mentions: string; negative: string }>`
      SELECT term, count(*) AS mentions, count(*) FILTER (WHERE label = 'negative') AS negative
        FROM text_insights, unnest(terms) AS term
       WHERE workspace_id = ${workspaceId} AND occurred_at >= ${from} AND occurred_at < ${to}
         AND NOT (term = ANY(${exclude}::text[]))
       GROUP BY term
      HAVING count(*) >= 2
       ORDER BY count(*) DESC, term
       LIMIT ${limit}`.execute(db)
  ).rows;
  return rows.map((r) => ({ term: r.term, mentions: Number(r.mentions), negative: Number(r.negative) }));
}

export interface ThemeText {
  source: TextSource;
  sourceId: string;
  customerId: string;
  customerName: string | null;
  occurredAt: Date;
  label: SentimentLabel;
  sentiment: number;
  text: string;
  score: number | null;
}

/** Texts whose terms meet `terms` in [from, to), newest first, after the keyset (occurredAt, sourceId). */
export async function textsMentioning(
  db: Db,
  workspaceId: string,
  terms: string[],
  from: Date,
  to: Date,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<ThemeText[]> {
  const rows = (
    await sql<{
      source: TextSource;
      source_id: string;
      customer_id: string;
      name: string | null;
      occurred_at: Date;
      label: SentimentLabel;
      sentiment: number;
      text: string | null;
      score: number | null;
    }>`
      SELECT i.source, i.source_id, i.customer_id, c.name, i.occurred_at, i.label, i.sentiment,
             coalesce(concat_ws(E'\n', r.reason, (SELECT string_agg(v, E'\n') FROM jsonb_each_text(r.answers) AS a(k, v) WHERE length(v) > 2)),
                      concat_ws(E'\n', p.subject, p.body), m.body) AS text,
             r.score
        FROM text_insights i
        JOIN customers c ON c.workspace_id = i.workspace_id AND c.id = i.customer_id
        LEFT JOIN responses r ON i.source = 'answer' AND r.workspace_id = i.workspace_id AND r.id = i.source_id
        LEFT JOIN complaints p ON i.source = 'complaint' AND p.workspace_id = i.workspace_id AND p.id = i.source_id
        LEFT JOIN case_messages m ON i.source = 'case_reply' AND m.workspace_id = i.workspace_id AND m.id = i.source_id
       WHERE i.workspace_id = ${workspaceId} AND i.terms && ${terms}::text[]
         AND i.occurred_at >= ${from} AND i.occurred_at < ${to}
         ${after ? sql`AND (i.occurred_at, i.source_id) < (${after.at}, ${after.id}::uuid)` : sql``}
       ORDER BY i.occurred_at DESC, i.source_id DESC
       LIMIT ${limit}`.execute(db)
  ).rows;
  return rows.map((r) => ({
    source: r.source,
    sourceId: r.source_id,
    customerId: r.customer_id,
    customerName: r.name,
    occurredAt: r.occurred_at,
    label: r.label,
    sentiment: r.sentiment,
    text: r.text ?? '',
    score: r.score,
  }));
}
