// npm run bench [-- --seconds N] [--backlog-seconds N] [--only SCENARIO,...] [--cpu-prof] (bench/options.ts)
// Starts Kept as a child process on bench/.data (embedded PostgreSQL, fsync on), so the load
// generator does not share the server's event loop, and measures event intake and timeline
// reads. Prints a table and writes bench/results.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { embeddedDatabaseUrl, keptCli, startKeptProcess, type KeptProcess } from '../test/process.ts';
import { ensureTimelineData, ensureWorkspace, eventTypes, resetWriteWorkspace, timelineEvents, timelineWorkspace } from './dataset.ts';
import { machineIdle, measureCpu } from './cpu.ts';
import { createClient, type Client } from './http.ts';
import { failures, percentile, rate, type LoadResult } from './load.ts';
import { describeMachine, markdown, mergeResults, textTable, type Row, type Section } from './report.ts';
import { postBatches, postSingleEvents, readTimelines, writeCustomers } from './scenarios.ts';
import { answerWorkspace, postAnswers, prepareInvitations } from './answers.ts';
import { measureWidgetSize } from './widget-size.ts';
import { runDashboardBench } from './dashboard.ts';
import { runEscalationBench } from './escalations.ts';
import { runGuardBench } from './guard.ts';
import { runWebhookBench } from './webhooks.ts';
import { runRankingBench } from './rule-ranking.ts';
import { runRatioBench } from './ratios.ts';
import { runExportBench } from './export.ts';
import { benchOptions, scenarios } from './options.ts';
import { dataDir, prepareDataDir } from './data-dir.ts';
import { runStartupBench } from './startup.ts';

const { seconds, backlogSeconds, only, cpuProf } = benchOptions();
const profileDir = fileURLToPath(new URL('./.data/profiles', import.meta.url));
const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

let kept: KeptProcess | undefined;
const clients: Client[] = [];
process.once('SIGINT', () => {
  log('interrupted: stopping Kept');
  void (kept?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});

async function main() {
  const t0 = Date.now();
  await prepareDataDir(log);
  if (cpuProf) await mkdir(profileDir, { recursive: true });
  // Before the other scenarios' Kept runs: start-up is measured on a machine that runs nothing else.
  const startup = only.has('startup') ? await runStartupBench({ runs: 8, log }) : undefined;
  log(`starting Kept on ${dataDir}`);
  kept = await startKeptProcess({
    dataDir,
    timeoutMs: 120_000,
    nodeArgs: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    // One load generator on one address sends every answer: the per-address limit would stop it.
    env: { KEPT_PUBLIC_RATE_LIMIT: '100000000' },
  });
  const db = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir) });
  await db.connect();
  // Each scenario's rows and notes are its own section: a run with --only replaces just those in
  // bench/results.json, and results.md is written from all sections, each with its date.
  const sections: Record<string, Section> = {};
  let rows: Row[] = [];
  let notes: string[] = [];
  const begin = (name: string) => {
    sections[name] = { rows: (rows = []), notes: (notes = []), at: new Date().toISOString() };
  };
  try {
    const writeWs = await ensureWorkspace(db, 'bench-writes');
    const timelineWs = await ensureWorkspace(db, timelineWorkspace);
    log('creating API tokens with `kept token create`');
    const writeToken = await keptCli(['token', 'create', '--name', 'bench', '--role', 'agent', '--workspace', 'bench-writes'], dataDir);
    const readToken = await keptCli(['token', 'create', '--name', 'bench', '--role', 'agent', '--workspace', timelineWorkspace], dataDir);
    const removed = await resetWriteWorkspace(db, writeWs, writeCustomers);
    if (removed) log(`removed ${fmt(removed)} events of an earlier run`);
    const customerIds = only.has('timeline') ? await ensureTimelineData(db, timelineWs) : [];
    // Fresh statistics: while the planner believes the write workspace empty, it finds a
    // customer by scanning all of the workspace's customers (3-5 ms a lookup at 10,000).
    // A checkpoint, so the loads' dirty pages are not flushed while we measure.
    log('VACUUM ANALYZE, CHECKPOINT');
    await db.query('VACUUM (ANALYZE) events');
    await db.query('VACUUM (ANALYZE) customers');
    await db.query('CHECKPOINT');

    if (startup) {
      begin('startup');
      rows.push(...startup.rows);
      notes.push(...startup.notes);
    }
    const run = `r${Date.now().toString(36)}`;
    const maxMs = seconds * 1000;
    const idleBefore = await machineIdle();
    const idleDuring: string[] = [];
    /** Runs one load, and adds its CPU cost per request and the machine's idleness to the report. */
    const measure = async (label: string, load: () => Promise<LoadResult>) => {
      const spent = measureCpu(kept!.pid);
      const r = await load();
      const cpu = spent();
      idleDuring.push(`${label} ${pct(cpu.machineIdle)}`);
      notes.push(...failures(label, r));
      return { r, cpu: r.ok ? `${(cpu.kept / r.ok).toFixed(2)} + ${(cpu.postgres / r.ok).toFixed(2)} ms` : '' };
    };

    if (only.has('ratios')) {
      begin('ratios');
      const r = await runRatioBench({
        db,
        dbUrl: embeddedDatabaseUrl(dataDir),
        keptUrl: kept.url,
        keptPid: kept.pid,
        writeToken,
        writeWs,
        seconds,
        backlogSeconds: backlogSeconds,
        clients,
        log,
      });
      rows.push(...r.rows);
      notes.push(...r.notes);
      // The write rows below count what they stored: start them from the same state.
      await resetWriteWorkspace(db, writeWs, writeCustomers);
    }
    let acknowledged = 0;
    if (only.has('single')) {
      begin('single');
      const warm = createClient(kept.url, writeToken, 8);
      clients.push(warm);
      acknowledged += (await postSingleEvents(warm, `${run}-warm`, { clients: 8, maxRequests: 500, maxMs: 3000 })).events;
      for (const n of [1, 32]) {
        const name = `single-event POST, ${n} client${n > 1 ? 's' : ''}`;
        log(`${name}, up to ${seconds} s`);
        const client = createClient(kept.url, writeToken, n);
        clients.push(client);
        const { r, cpu } = await measure(name, () => postSingleEvents(client, `${run}-s${n}`, { clients: n, maxRequests: 200_000, maxMs }));
        acknowledged += r.events;
        const target = n === 32 ? { target: '≥ 2,000 events/s', pass: r.events / r.seconds >= 2000 } : {};
        rows.push({ ...rate(name, r), cpu, ...target });
      }
    }
    if (only.has('batch')) {
      begin('batch');
      const n = 4;
      const name = `1,000-event batch POST, ${n} clients`;
      log(`${name}, up to ${seconds} s`);
      const client = createClient(kept.url, writeToken, n);
      clients.push(client);
      const { r, cpu } = await measure(name, () =>
        postBatches(client, `${run}-b`, { clients: n, maxRequests: 2_000, maxMs, batchSize: 1000 }),
      );
      acknowledged += r.events;
      rows.push({ ...rate(name, r), cpu, target: '≥ 20,000 events/s', pass: r.events / r.seconds >= 20_000 });
    }
    if (only.has('single') || only.has('batch')) {
      begin('writes');
      const stored = Number((await db.query('SELECT count(*) AS n FROM events WHERE workspace_id = $1', [writeWs])).rows[0].n);
      notes.push(
        `Write benchmarks: events of ${fmt(writeCustomers)} known customers (externalId + e-mail + name), each event with a unique idempotency key; ` +
          `${fmt(acknowledged)} events acknowledged, ${fmt(stored)} stored${stored === acknowledged ? ' (match)' : ' (MISMATCH)'}.`,
      );
    }
    if (only.has('timeline')) {
      begin('timeline');
      for (const n of [1, 8]) {
        const name = `timeline page of 50, 1M events stored, ${n} client${n > 1 ? 's' : ''}`;
        log(`${name}, 2,000 requests`);
        const client = createClient(kept.url, readToken, n);
        clients.push(client);
        const { r, cpu } = await measure(name, () =>
          readTimelines(client, customerIds, eventTypes, { clients: n, maxRequests: 2_000, maxMs: 30_000 }),
        );
        const p95 = percentile(r.latencies, 95);
        const target = n === 1 ? { target: 'p95 < 10 ms', pass: p95 < 10 } : {};
        rows.push({ name, result: `${fmt(r.ok / r.seconds)} pages/s`, p50: percentile(r.latencies, 50), p95, cpu, ...target });
        for (const [label, list] of Object.entries(r.byLabel).sort()) {
          rows.push({ name: `  ${label} (${fmt(list.length)})`, result: '', p50: percentile(list, 50), p95: percentile(list, 95) });
        }
      }
      notes.push(
        `Timeline data: ${fmt(timelineEvents)} events of 10,000 customers (100 each, interleaved over a year, five types) in their own ` +
          'workspace, loaded with INSERT ... SELECT and VACUUM ANALYZE; 70 % first pages, 15 % second pages by cursor, 15 % filtered by one type.',
      );
    }
    if (only.has('widget')) {
      begin('widget');
      const w = await measureWidgetSize();
      rows.push({
        name: 'widget.js, styles included',
        result: `${fmt(w.raw)} B raw, ${fmt(w.gzip)} B gzipped`,
        target: '≤ 6 KB gz',
        pass: w.gzip <= w.budget,
      });
    }
    if (only.has('answers')) {
      begin('answers');
      const ws = await ensureWorkspace(db, answerWorkspace);
      const count = Math.max(20_000, seconds * 6_000);
      log(`making ${fmt(count)} sent invitations for the answer benchmark`);
      const tokens = await prepareInvitations(db, ws, count);
      await db.query('VACUUM (ANALYZE) invitations');
      await db.query('CHECKPOINT');
      const warm = createClient(kept.url, '', 8);
      clients.push(warm);
      await postAnswers(warm, tokens.splice(0, 1000), { clients: 8, maxMs: 3000 });
      const name = 'answers via POST /api/public/answers, 32 clients';
      log(`${name}, up to ${seconds} s`);
      const client = createClient(kept.url, '', 32);
      clients.push(client);
      const { r, cpu } = await measure(name, () => postAnswers(client, tokens, { clients: 32, maxMs }));
      rows.push({
        ...rate(name, r),
        result: `${fmt(r.events / r.seconds)} answers/s`,
        cpu,
        target: '≥ 3,000 answers/s',
        pass: r.events / r.seconds >= 3000,
      });
      notes.push(
        'Answers: each request answers a fresh invitation (sent, signed link) of one NPS survey to one of 10,000 customers with two attributes, ' +
          'so each stores an answer, a timeline event and rollup changes for everyone plus two segments, in one transaction.',
      );
    }
    if (only.has('escalations')) {
      begin('escalations');
      rows.push(...(await runEscalationBench({ db, log })));
    }
    if (only.has('guard')) {
      begin('guard');
      rows.push(...(await runGuardBench({ db, url: embeddedDatabaseUrl(dataDir), log, seconds: Math.min(seconds, 10) })));
      notes.push(
        'Guard: the four built-in rules checked against one customer with 10,000 events over five years and nothing that holds a ' +
          'message (the slowest answer: every rule looks and finds nothing), five message kinds in turn, timed in the bench process ' +
          'around the guard’s own code on Kept’s database (no HTTP).',
      );
    }
    if (only.has('webhooks')) {
      begin('webhooks');
      const dbUrl = embeddedDatabaseUrl(dataDir);
      const w = await runWebhookBench({ db, dbUrl, url: kept.url, dataDir, keptPid: kept.pid, seconds, log, clients });
      rows.push(...w.rows);
      notes.push(...w.notes);
    }
    if (only.has('dashboard')) {
      begin('dashboard');
      rows.push(...(await runDashboardBench({ db, url: kept.url, dataDir, log })));
    }
    if (only.has('ranking')) {
      begin('ranking');
      rows.push(...(await runRankingBench({ db, url: kept.url, dataDir, log })));
    }
    if (only.has('export')) {
      begin('export');
      const e = await runExportBench({ db, url: kept.url, dataDir, keptPid: kept.pid, log });
      rows.push(...e.rows);
      notes.push(...e.notes);
    }
    begin('general');
    // Only the scenarios that sample it (the HTTP loads) say how idle the machine was meanwhile.
    if (idleDuring.length) {
      notes.push(
        `CPU idle on the whole machine: ${pct(idleBefore)} just before the run; during ${idleDuring.join(', ')}. ` +
          'Other work on the machine lowers throughput and raises latency; the CPU time per request hardly moves.',
      );
    }

    const settings = await db.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size') ORDER BY name`,
    );
    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const machine = describeMachine(
      version,
      settings.rows
        .map((s) => (s.unit === '8kB' ? `${s.name}=${(Number(s.setting) * 8) / 1024} MB` : `${s.name}=${s.setting}${s.unit ?? ''}`))
        .join(', '),
    );
    notes.push(
      'Kept runs as a child process (`kept start`, default pool of 20 connections) and PostgreSQL as its embedded server; the load generator ' +
        `runs in the bench process on the same ${machine.cores} cores, so all three share them. Closed loop: each client sends its next ` +
        'request when the last one answers, over keep-alive connections; only 2xx answers count; latency is send to last byte.',
      `The last run (${[...only].join(', ')}) took ${fmt((Date.now() - t0) / 1000)} s.`,
    );
    for (const s of Object.values(sections)) s.cpu = machine.cpu;
    const ran = Object.values(sections).flatMap((x) => x.rows);
    process.stdout.write(`\n${textTable(ran)}\n`);
    const file = fileURLToPath(new URL('./results.md', import.meta.url));
    const all = await mergeResults(fileURLToPath(new URL('./results.json', import.meta.url)), sections, [...scenarios]);
    await writeFile(file, markdown(all, machine));
    log(`\nwrote ${file}`);
  } finally {
    for (const c of clients) c.close();
    await db.end();
    log('stopping Kept');
    await kept.stop();
  }
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

main().catch(async (err) => {
  log(`bench failed: ${(err as Error).stack ?? err}`);
  if (kept) log(`--- Kept output ---\n${kept.output()}`);
  await kept?.stop();
  process.exitCode = 1;
});
