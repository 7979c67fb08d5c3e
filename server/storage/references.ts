// Whether an id named in a request body is a row of the workspace (any kind of row, one query).
import { sql } from 'kysely';
import type { Db } from './database.ts';

const tables = {
  customer: 'customers',
  department: 'departments',
  user: 'users',
  case: 'cases',
  survey: 'surveys',
  cause: 'causes',
  template: 'apology_templates',
} as const;
export type ReferenceKind = keyof typeof tables;

export async function referenceExists(db: Db, workspaceId: string, kind: ReferenceKind, id: string): Promise<boolean> {
  const active = kind === 'user' ? sql` AND disabled_at IS NULL` : sql``;
  const r = await sql`SELECT 1 FROM ${sql.table(tables[kind])} WHERE workspace_id = ${workspaceId} AND id = ${id}${active}`.execute(db);
  return r.rows.length > 0;
}
