// Text insights: the free texts customers wrote (answer reasons and comments, complaints, replies
// on cases) read in id order per workspace and source (ids are UUIDv7, so new texts come last),
// and the analysis of each, stored once. Themes are sets of terms matched with the GIN index.
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { SentimentLabel, TextSource } from './schema.ts';

export type { SentimentLabel, TextSource };

export interface CustomerText {
  source: TextSource;
  sourceId: string;
  customerId: string;
  occurredAt: Date;
  locale: string | null;
  text: string;
}

export interface TextInsight {
  source: TextSource;
  sourceId: string;
  customerId: string;
  occurredAt: Date;
  language: 'en' | 'fr' | 'de';
  sentiment: number;
  label: SentimentLabel;
  terms: string[];
}

const NIL = '00000000-0000-0000-0000-000000000000';

export async function workspaceIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('workspaces').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

async function progress(db: Db, workspaceId: string, source: TextSource): Promise<string> {
  const row = await db
    .selectFrom('text_analysis_progress')
    .select('last_id')
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .executeTakeFirst();
  return row?.last_id ?? NIL;
}

/** The next texts of one source after what was read, and the last id looked at (text or not). */
export async function readNewTexts(
  db: Db,
  workspaceId: string,
  source: TextSource,
  limit: number,
): Promise<{ texts: CustomerText[]; lastId: string | null }> {
  const after = await progress(db, workspaceId, source);
  type Row = { id: string; customer_id: string; at: Date; locale: string | null; text: string | null };
  let rows: Row[];
  if (source === 'answer') {
    rows = (
      await sql<Row>`
        SELECT r.id, r.customer_id, r.answered_at AS at, coalesce(r.locale, c.locale) AS locale,
               nullif(concat_ws(E'\n', r.reason, (SELECT string_agg(v, E'\n') FROM jsonb_each_text(r.answers) AS a(k, v) WHERE length(v) > 2)), '') AS text
          FROM responses r JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
         WHERE r.workspace_id = ${workspaceId} AND r.id > ${after}
         ORDER BY r.id LIMIT ${limit}`.execute(db)
    ).rows;
  } else if (source === 'complaint') {
    rows = (
      await sql<Row>`
        SELECT p.id, p.customer_id, p.occurred_at AS at, c.locale, concat_ws(E'\n', p.subject, p.body) AS text
          FROM complaints p JOIN customers c ON c.workspace_id = p.workspace_id AND c.id = p.customer_id
         WHERE p.workspace_id = ${workspaceId} AND p.id > ${after}
         ORDER BY p.id LIMIT ${limit}`.execute(db)
    ).rows;
  } else {
    rows = (
      await sql<Row>`
        SELECT m.id, k.customer_id, m.at, c.locale, CASE WHEN m.direction = 'from_customer' THEN m.body END AS text
          FROM case_messages m
          JOIN cases k ON k.workspace_id = m.workspace_id AND k.id = m.case_id
          JOIN customers c ON c.workspace_id = k.workspace_id AND c.id = k.customer_id
         WHERE m.workspace_id = ${workspaceId} AND m.id > ${after}
         ORDER BY m.id LIMIT ${limit}`.execute(db)
    ).rows;
  }
  const texts = rows
    .filter((r) => r.text && r.text.trim().length > 0)
    .map((r) => ({ source, sourceId: r.id, customerId: r.customer_id, occurredAt: r.at, locale: r.locale, text: r.text! }));
  return { texts, lastId: rows.at(-1)?.id ?? null };
}

/** Stores the analyses and moves the source's reading mark, in one transaction. */
export async function saveInsights(
  db: Db,
  workspaceId: string,
  source: TextSource,
  insights: TextInsight[],
  lastId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (insights.length) {
      await tx
        .insertInto('text_insights')
        .values(
          insights.map((i) => ({
            workspace_id: workspaceId,
            source: i.source,
            source_id: i.sourceId,
            customer_id: i.customerId,
            occurred_at: i.occurredAt,
            language: i.language,
            sentiment: i.sentiment,
            label: i.label,
            terms: i.terms,
            analysed_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'source', 'source_id']).doUpdateSet((eb) => ({
            sentiment: eb.ref('excluded.sentiment'),
            label: eb.ref('excluded.label'),
            terms: eb.ref('excluded.terms'),
            language: eb.ref('excluded.language'),
            analysed_at: eb.ref('excluded.analysed_at'),
          })),
        )
        .execute();
    }
    await tx
      .insertInto('text_analysis_progress')
      .values({ workspace_id: workspaceId, source, last_id: lastId })
      .onConflict((oc) => oc.columns(['workspace_id', 'source']).doUpdateSet({ last_id: lastId }))
      .execute();
  });
}

/** The most positive texts of a period that say something (20 characters or more): what customers praised. */
export async function mostPositiveTexts(
  db: Db,
  workspaceId: string,
  from: Date,
  to: Date,
  limit: number,
): Promise<{ text: string; label: SentimentLabel }[]> {
  const rows = (
    await sql<{ text: string | null; label: SentimentLabel }>`
      SELECT coalesce(r.reason, p.body, m.body) AS text, i.label
        FROM text_insights i
        LEFT JOIN responses r ON i.source = 'answer' AND r.workspace_id = i.workspace_id AND r.id = i.source_id
        LEFT JOIN complaints p ON i.source = 'complaint' AND p.workspace_id = i.workspace_id AND p.id = i.source_id
        LEFT JOIN case_messages m ON i.source = 'case_reply' AND m.workspace_id = i.workspace_id AND m.id = i.source_id
       WHERE i.workspace_id = ${workspaceId} AND i.label = 'positive' AND i.occurred_at >= ${from} AND i.occurred_at < ${to}
         AND length(coalesce(r.reason, p.body, m.body)) >= 20
       ORDER BY i.sentiment DESC, i.occurred_at DESC
       LIMIT ${limit}`.execute(db)
  ).rows;
  return rows.filter((r) => r.text).map((r) => ({ text: r.text!, label: r.label }));
}
