// One database layer over PostgreSQL, embedded or a server: a pg pool wrapped in Kysely.
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.ts';

export type Db = Kysely<Tables>;

// Return int8 and numeric as JavaScript numbers; counts here stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A date (a rollup's day) stays the calendar date it names, not a local-time midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

export function openDatabase(opts: DatabaseOptions): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 20,
    application_name: opts.applicationName ?? 'kept',
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server (restart, network) emits here; the pool replaces it.
  pool.on('error', () => {});
  const genericPool = genericPlanPool(opts);
  const dialectPool = {
    connect: async () => preparing(await pool.connect()),
    // Closing db closes both pools; the generic-plan Kysely below closes nothing of its own.
    end: () => Promise.all([pool.end(), genericPool.end()]).then(() => {}),
  };
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: dialectPool }) });
  const genericDialectPool = { connect: async () => preparing(await genericPool.connect()), end: async () => {} };
  genericPlanDbs.set(db, new Kysely<Tables>({ dialect: new PostgresDialect({ pool: genericDialectPool }) }));
  return { db, pool };
}

/**
 * A few connections of their own for prepared statements that should run their generic plan:
 * planned once per connection, then only bound and run. Left to choose (plan_cache_mode auto),
 * PostgreSQL planned the event group's statement afresh at every execution (0 generic plans in
 * 30: its custom plans, which see 4 rows in an array, look cheaper than a generic one that
 * assumes 10), and planning was half of its time. Not the main pool's setting: there it would
 * plan every unnamed statement without its values too (an ON CONFLICT whose WHERE holds a value
 * then finds no index). A connection is replaced after 10,000 statements, so a plan made while a
 * table was small (a new install) does not outlive its growth by much.
 */
function genericPlanPool(opts: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: Math.min(4, opts.poolSize ?? 4),
    application_name: opts.applicationName ?? 'kept',
    idleTimeoutMillis: 30_000,
    maxUses: 10_000,
  });
  pool.on('error', () => {});
  // A statement, not a startup option, which connection poolers refuse.
  pool.on('connect', (client) => void client.query('SET plan_cache_mode = force_generic_plan').catch(() => {}));
  return pool;
}

const genericPlanDbs = new WeakMap<Db, Db>();

/**
 * The connections of `db` whose prepared statements run their generic plan, for a hot statement
 * that runs on its own (autocommitted, never inside a transaction of `db`'s).
 */
export const withGenericPlans = (db: Db): Db => genericPlanDbs.get(db) ?? db;

// Prepared statements for the hot paths. Kysely sends every query unnamed, so PostgreSQL parses and
// plans it each time; for a query run on every outgoing message (the guard) that is most of its
// cost. A query built with `prepared` is sent as a named statement instead: parsed once per
// connection, then bound and run. PostgreSQL still chooses at each execution between a plan for the
// values (planned again) and the statement's generic plan; on `withGenericPlans(db)` it always takes
// the generic one. Its text must be the same for every call (values are parameters), since each
// distinct text becomes one statement kept on each connection.
const marker = '/* prepared */ ';
const wrapped = Symbol('kept.prepared');

/** The query `q`, run as a named prepared statement. */
export const prepared = <T>(q: RawBuilder<T>): RawBuilder<T> => sql<T>`${sql.raw(marker)}${q}`;

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `kept_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.size > 1000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

function preparing(client: pg.PoolClient): pg.PoolClient {
  const c = client as pg.PoolClient & { [wrapped]?: true };
  if (c[wrapped]) return c;
  const query = c.query.bind(c) as (...a: unknown[]) => unknown;
  c.query = ((text: unknown, values?: unknown) =>
    typeof text === 'string' && text.startsWith(marker)
      ? query({ name: statementName(text), text, values })
      : query(text, values)) as typeof c.query;
  c[wrapped] = true;
  // A client checked out of the pool but between statements (a transaction's JavaScript, a job's
  // batch) that loses its server (PostgreSQL stopping on Ctrl+C, a restart) emits 'error' on
  // itself, where the pool's listener does not hear it, and an unheard 'error' ends the process.
  // The statement it runs next fails with the same error; the pool drops the client on release.
  c.on('error', () => {});
  return c;
}

export async function serverVersion(db: Db): Promise<number> {
  const r = await sql<{ v: string }>`SHOW server_version_num`.execute(db);
  return Number(r.rows[0]!.v);
}

/** Answers when the database takes a query (the health check). */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** A plain pool (for graphile-worker) whose connections the server closes are reported, not thrown. */
export function openPool(url: string, max: number, onLost: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', onLost);
  pool.on('connect', (client) => client.on('error', onLost));
  return pool;
}

/**
 * `rows` with the workspace as a column, `ws`, for a query to match `workspace_id = r.ws` rather
 * than the workspace as a constant. By a constant, PostgreSQL estimates from that one workspace's
 * statistics: a workspace the last ANALYZE saw without rows (a new one, growing in tables that
 * other workspaces fill; ANALYZE waits for a tenth of a table to change) looks empty, and a plan
 * then walks all its rows through any index that leads with workspace_id, filtering by the rest.
 * As a column it is estimated as an average workspace. OFFSET 0 keeps the value from being folded
 * back into a constant. `rows` is a FROM item: a CTE's name, `unnest(...) AS k(...)`, a subquery.
 */
export const withWorkspaceColumn = (workspaceId: string, rows: RawBuilder<unknown>) =>
  sql`(SELECT ${workspaceId}::uuid AS ws, * FROM ${rows} OFFSET 0)`;
