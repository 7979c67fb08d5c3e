// Every CLI command: its words, its summary and usage (`kept --help` lists them in this order),
// and where its code is. The code is imported only when the command runs, so `kept --help` and a
// usage error load none of the server, and `kept start` loads the server while its database starts.
import { exportKinds } from '../../contract/exports.ts';
import type { CommandRun } from '../context.ts';

export interface Command {
  /** the words that name it: "user create" */
  name: string;
  summary: string;
  usage: string;
  load(): Promise<CommandRun>;
}

export const commands: Command[] = [
  {
    name: 'start',
    summary: 'Start Kept (embedded PostgreSQL unless DATABASE_URL is set)',
    usage: 'kept start [--port N] [--host ADDRESS]',
    load: async () => (await import('./start.ts')).start,
  },
  {
    name: 'migrate',
    summary: 'Apply pending database migrations',
    usage: 'kept migrate',
    load: async () => (await import('./migrate.ts')).migrate,
  },
  {
    name: 'admin create',
    summary: 'Create an admin who can sign in to the web app',
    usage: 'kept admin create --email EMAIL --password PASSWORD [--name NAME] [--company "COMPANY NAME"] [--workspace SLUG]',
    load: async () => (await import('./admin-create.ts')).adminCreate,
  },
  {
    name: 'user list',
    summary: 'List the staff of a workspace: e-mail, name, role, state',
    usage: 'kept user list [--workspace SLUG]',
    load: async () => (await import('./user.ts')).userList,
  },
  {
    name: 'user create',
    summary: 'Add a staff member: with --password they can sign in at once, without it they are mailed an invitation link',
    usage: 'kept user create --email EMAIL --role admin|manager|agent [--name NAME] [--password PASSWORD] [--workspace SLUG]',
    load: async () => (await import('./user.ts')).userCreate,
  },
  {
    name: 'user deactivate',
    summary: 'Deactivate a leaver: sessions end, API tokens they made are revoked, open cases and promises handed over',
    usage: 'kept user deactivate --email EMAIL [--workspace SLUG]',
    load: async () => (await import('./user.ts')).userDeactivate,
  },
  {
    name: 'token create',
    summary: 'Create an API token (printed once; only its hash is kept)',
    usage: 'kept token create --name NAME --role admin|manager|agent [--workspace SLUG]',
    load: async () => (await import('./token-create.ts')).tokenCreate,
  },
  {
    name: 'import events',
    summary: "Load historical events from a JSON Lines or CSV file onto customers' timelines",
    usage: 'kept import events FILE [--format csv|jsonl] [--workspace SLUG] [--batch-size N]',
    load: async () => (await import('./import-events.ts')).importEvents,
  },
  {
    name: 'import responses',
    summary: 'Load historical survey answers from a JSON Lines or CSV file',
    usage: 'kept import responses FILE [--format csv|jsonl] [--workspace SLUG] [--batch-size N]',
    load: async () => (await import('./import-responses.ts')).importResponsesCommand,
  },
  {
    name: 'import customers',
    summary: 'Load customers from a JSON Lines or CSV file (what kept export customers writes)',
    usage: 'kept import customers FILE [--format csv|jsonl] [--workspace SLUG] [--batch-size N]',
    load: async () => (await import('./import-customers.ts')).importCustomersCommand,
  },
  {
    name: 'export',
    summary: 'Write a list (customers, events, answers, cases, ...) to a CSV or JSON Lines file, with its filters',
    usage:
      `kept export KIND [--format csv|jsonl] [--excel] [--separator comma|semicolon|tab] [--out FILE] [--workspace SLUG] [--FILTER VALUE ...]\n` +
      `  KIND: ${exportKinds.join(', ')}\n  filters: those of the list's API endpoint (see docs/export.md), e.g. --status closed --customer-id ID`,
    load: async () => (await import('./export.ts')).exportCommand,
  },
  {
    name: 'demo',
    summary:
      'Load a demo company: departments, staff, customers, months of events and answers, and its stories under way (recovery cases, a batch cause, held messages); run it while Kept is stopped',
    usage: 'kept demo [--workspace SLUG] [--customers N] [--months N] [--seed N]',
    load: async () => (await import('./demo.ts')).demo,
  },
  {
    name: 'rollups rebuild',
    summary: 'Recompute the score rollups from the stored answers (all workspaces, or one)',
    usage: 'kept rollups rebuild [--workspace SLUG]',
    load: async () => (await import('./rollups-rebuild.ts')).rollupsRebuild,
  },
  {
    name: 'customer export',
    summary: 'Everything Kept holds about one customer, as one JSON document',
    usage: 'kept customer export ID [--out FILE] [--workspace SLUG]',
    load: async () => (await import('./customer.ts')).customerExport,
  },
  {
    name: 'customer erase',
    summary: 'Erase one customer: every row about them is deleted (recorded in the audit log)',
    usage: 'kept customer erase ID [--workspace SLUG]',
    load: async () => (await import('./customer.ts')).customerErase,
  },
  {
    name: 'backup',
    summary: 'Write the whole database to a file (gzip\u2019d JSON lines, one consistent snapshot)',
    usage: 'kept backup FILE',
    load: async () => (await import('./backup.ts')).backup,
  },
  {
    name: 'restore',
    summary: 'Load a backup into an empty database (a new data directory, or an empty DATABASE_URL)',
    usage: 'kept restore FILE',
    load: async () => (await import('./backup.ts')).restore,
  },
  {
    name: 'openapi',
    summary: 'Print or write the OpenAPI 3.1 document',
    usage: 'kept openapi [--out FILE]',
    load: async () => (await import('./openapi.ts')).openapi,
  },
];
