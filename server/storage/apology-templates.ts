// Apology templates: the words staff start an apology from, per workspace.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { ApologyTemplatesTable } from './schema.ts';

export type TemplateRow = Selectable<ApologyTemplatesTable>;

export async function findApologyTemplate(db: Db, workspaceId: string, id: string): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('apology_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** The workspace's templates by name; `everMade` says whether it has had any (built-ins are added once). */
export async function listApologyTemplates(db: Db, workspaceId: string): Promise<{ rows: TemplateRow[]; everMade: boolean }> {
  const all = await db.selectFrom('apology_templates').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return { rows: all.filter((r) => !r.archived_at), everMade: all.length > 0 };
}

export async function insertApologyTemplates(db: Db, rows: Insertable<ApologyTemplatesTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('apology_templates').values(rows).execute();
}

export async function updateApologyTemplate(
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<Pick<TemplateRow, 'name' | 'body' | 'archived_at' | 'updated_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('apology_templates')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
