// Every id in a request body names a row of the caller's workspace, or the request is refused
// with a 400 naming the field: another workspace's id and a made-up one look the same.
import { referenceExists, type ReferenceKind } from '../../storage/references.ts';
import type { Db } from '../../storage/database.ts';
import { isUuid } from '../../lib/ids.ts';
import { invalidInput } from './errors.ts';

const names: Record<ReferenceKind, string> = {
  customer: 'customer',
  department: 'department',
  user: 'active user',
  case: 'case',
  survey: 'survey',
  cause: 'cause',
  template: 'apology template',
};

/** Checks each [kind, id, path] whose id is given; throws invalid_input naming every one not found. */
export async function checkReferences(
  db: Db,
  workspaceId: string,
  refs: [ReferenceKind, string | null | undefined, (string | number)[]][],
): Promise<void> {
  const problems = [];
  for (const [kind, id, path] of refs) {
    if (id === null || id === undefined) continue;
    if (!isUuid(id) || !(await referenceExists(db, workspaceId, kind, id))) {
      problems.push({ path, message: `no such ${names[kind]} in this workspace` });
    }
  }
  if (problems.length) throw invalidInput(`No such ${problems.map((p) => p.path.join('.')).join(', ')} in this workspace`, problems);
}
