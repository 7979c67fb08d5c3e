// The references Kept is measured against (issue 15), on the same embedded PostgreSQL:
// - the HTTP + PostgreSQL floor: bench/reference-server.ts as a child process (like Kept);
// - the COPY floor: the same rows by COPY over 4 connections, from the bench process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { copyFrom, copyText } from './copy.ts';
import type { LoadResult } from './load.ts';
import { writeCustomers } from './scenarios.ts';

const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
/** The table both references write into. */
export const referenceTable = 'bench_reference_events';
const serverFile = fileURLToPath(new URL('./reference-server.ts', import.meta.url));

/** An empty table shaped like events (indexes and all, no foreign keys) for the references. */
export async function resetReferenceTable(db: pg.Client): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${referenceTable} (LIKE events INCLUDING ALL)`);
  await db.query(`TRUNCATE ${referenceTable}`);
}

export interface ReferenceServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startReferenceServer(databaseUrl: string, workspaceId: string): Promise<ReferenceServer> {
  const child: ChildProcess = spawn(process.execPath, [runTs, serverFile], {
    env: { ...process.env, REF_DATABASE_URL: databaseUrl, REF_WORKSPACE: workspaceId, REF_TABLE: referenceTable },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the reference server did not start within 30 s')), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /reference listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the reference server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The COPY floor: `clients` connections each COPYing batches of `batchSize` events (the same
 * shape as the batch POSTs) into the reference table until `maxMs` has passed.
 */
export async function copyBatches(
  databaseUrl: string,
  workspaceId: string,
  opts: { clients: number; batchSize: number; maxMs: number },
): Promise<LoadResult> {
  const lookup = new pg.Client({ connectionString: databaseUrl });
  await lookup.connect();
  const { rows } = await lookup.query<{ external_id: string; id: string }>(
    'SELECT external_id, id FROM customers WHERE workspace_id = $1 AND external_id LIKE $2',
    [workspaceId, 'w-%'],
  );
  await lookup.end();
  const ids = new Map(rows.map((r) => [r.external_id, r.id]));
  const result: LoadResult = { clients: opts.clients, seconds: 0, ok: 0, failed: 0, failures: {}, events: 0, latencies: [], byLabel: {} };
  const columns = '(workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)';
  const t0 = performance.now();
  const deadline = t0 + opts.maxMs;
  const worker = async (c: number) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (let seq = 0; performance.now() < deadline; seq++) {
        const start = performance.now();
        const now = new Date().toISOString();
        const lines: string[] = [];
        for (let i = 0; i < opts.batchSize; i++) {
          const n = Math.floor(Math.random() * writeCustomers);
          const customer = ids.get(`w-${n}`);
          if (!customer) throw new Error(`customer w-${n} is missing: reset the write workspace first`);
          const occurred = new Date(Date.now() - Math.floor(Math.random() * 3_600_000)).toISOString();
          const data = JSON.stringify({ order: `A-${seq}`, amount: 42.5, carrier: 'DHL' });
          const id = crypto.randomUUID();
          lines.push(
            [workspaceId, id, customer, 'order.delivered', 'bench', occurred, now, `copy-${t0}-${c}-${seq}-${i}`, data]
              .map(copyText)
              .join('\t'),
          );
        }
        await copyFrom(client, `${referenceTable} ${columns}`, `${lines.join('\n')}\n`);
        result.ok++;
        result.events += opts.batchSize;
        result.latencies.push(performance.now() - start);
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, i) => worker(i)));
  result.seconds = (performance.now() - t0) / 1000;
  result.latencies.sort((a, b) => a - b);
  return result;
}
