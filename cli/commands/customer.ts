// kept customer export ID / kept customer erase ID: a customer's data for a request to see or
// erase it (server/domain/core/privacy.ts). The erasure is recorded in the audit log as Kept's
// own action, from the CLI.
import { writeFile } from 'node:fs/promises';
import { workspaceBySlug } from '../../server/domain/core/staff.ts';
import { eraseCustomer, exportCustomer } from '../../server/domain/core/privacy.ts';
import { customerWorkspaces } from '../../server/storage/customer-data.ts';
import type { Db } from '../../server/storage/database.ts';
import { isUuid } from '../../server/lib/ids.ts';
import { parseFlags, UsageError, withDatabase, type CommandRun, KeptError } from '../context.ts';

/** The customer's workspace: the one named, or the only one that has a customer with this id. */
async function workspaceOf(db: Db, id: string, slug: string | undefined): Promise<string> {
  if (slug) return (await workspaceBySlug(db, slug)).id;
  const found = isUuid(id) ? await customerWorkspaces(db, id) : [];
  if (found.length === 0) throw new KeptError('not_found', `No customer ${id}`);
  if (found.length > 1) throw new UsageError(`Customer ${id} is in several workspaces: say which with --workspace SLUG`);
  return found[0]!;
}

export const customerExport: CommandRun = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { out: { type: 'string' }, workspace: { type: 'string' } }, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('Missing the customer ID');
  const doc = await withDatabase(io, async ({ db }) => exportCustomer(db, new Date(), await workspaceOf(db, id, values.workspace), id));
  const text = JSON.stringify(doc, null, 2);
  if (values.out) {
    await writeFile(values.out, text + '\n', { mode: 0o600 });
    io.err(`Wrote the data of customer ${id} to ${values.out}`);
  } else io.out(text);
  return 0;
};

export const customerErase: CommandRun = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { workspace: { type: 'string' } }, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('Missing the customer ID');
  const r = await withDatabase(io, async ({ db }) =>
    eraseCustomer(db, new Date(), await workspaceOf(db, id, values.workspace), id, undefined, { client: 'cli' }),
  );
  const removed = Object.entries(r.removed)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  io.out(`Erased customer ${id}: ${removed}${r.keptUnsubscribed ? '; their address stays unsubscribed (a hash)' : ''}`);
  return 0;
};
