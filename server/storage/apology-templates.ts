// Apology templates: the words staff start an apology from, per workspace.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { ApologyTemplatesTable } from './schema.ts';

export interface ApologyTemplateRecord {
  workspaceId: string;
  id: string;
  name: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

const toTemplate = (r: Selectable<ApologyTemplatesTable>): ApologyTemplateRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  name: r.name,
  body: r.body,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  archivedAt: r.archived_at,
});

export async function findApologyTemplate(db: Db, workspaceId: string, id: string): Promise<ApologyTemplateRecord | undefined> {
  const r = await db
    .selectFrom('apology_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return r && toTemplate(r);
}

/** The workspace's templates by name; `everMade` says whether it has had any (built-ins are added once). */
export async function listApologyTemplates(
  db: Db,
  workspaceId: string,
): Promise<{ templates: ApologyTemplateRecord[]; everMade: boolean }> {
  const all = await db.selectFrom('apology_templates').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return { templates: all.filter((r) => !r.archived_at).map(toTemplate), everMade: all.length > 0 };
}

export async function insertApologyTemplates(db: Db, templates: Omit<ApologyTemplateRecord, 'archivedAt'>[]): Promise<void> {
  if (templates.length)
    await db
      .insertInto('apology_templates')
      .values(
        templates.map((t) => ({
          workspace_id: t.workspaceId,
          id: t.id,
          name: t.name,
          body: t.body,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })),
      )
      .execute();
}

export async function updateApologyTemplate(
  db: Db,
  workspaceId: string,
  id: string,
  c: Partial<Pick<ApologyTemplateRecord, 'name' | 'body' | 'archivedAt' | 'updatedAt'>>,
): Promise<boolean> {
  const set: Partial<Insertable<ApologyTemplatesTable>> = {};
  if (c.name !== undefined) set.name = c.name;
  if (c.body !== undefined) set.body = c.body;
  if (c.archivedAt !== undefined) set.archived_at = c.archivedAt;
  if (c.updatedAt !== undefined) set.updated_at = c.updatedAt;
  const r = await db
    .updateTable('apology_templates')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
