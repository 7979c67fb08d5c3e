// Kept as ratios to references run in the same process and the same minute (issue 15). Absolute
// figures on a shared machine swing by ±30 % between runs, so each row alternates Kept (A) and
// its reference (B) in slices, A/B/A/B, sums each side, and prints both rates, their ratio and
// the load average over the row.
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { answerWorkspace, npsScore, prepareInvitations } from './answers.ts';
import { createClient, type Client } from './http.ts';
import { runLoad, type LoadResult } from './load.ts';
import { copyBatches, resetReferenceTable, startReferenceServer } from './reference.ts';
import type { Row } from './report.ts';
import { postBatches, postSingleEvents } from './scenarios.ts';
import { ensureWorkspace } from './dataset.ts';
import { rollupsEqualRebuild } from './rollup-check.ts';

export interface RatioDeps {
  db: pg.Client;
  dbUrl: string;
  keptUrl: string;
  keptPid: number;
  writeToken: string;
  writeWs: string;
  seconds: number;
  /** Length of the no-backlog answers run (issue 15: 20 s). */
  backlogSeconds: number;
  clients: Client[];
  log(s: string): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const load1 = () => loadavg()[0]!;

interface Side {
  events: number;
  seconds: number;
  failed: number;
}

/** Runs a and b alternately, `slices` times each; answers each side's totals and the load average seen. */
async function interleave(slices: number, a: (i: number) => Promise<LoadResult>, b: (i: number) => Promise<LoadResult>) {
  const sides: [Side, Side] = [
    { events: 0, seconds: 0, failed: 0 },
    { events: 0, seconds: 0, failed: 0 },
  ];
  const loads = [load1()];
  for (let i = 0; i < slices; i++) {
    for (const [k, f] of [a, b].entries()) {
      const r = await f(i);
      sides[k]!.events += r.events;
      sides[k]!.seconds += r.seconds;
      sides[k]!.failed += r.failed;
      loads.push(load1());
    }
  }
  return { kept: sides[0], ref: sides[1], load: `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` };
}

function ratioRow(name: string, unit: string, refName: string, r: Awaited<ReturnType<typeof interleave>>, goal: number): Row {
  const kept = r.kept.events / r.kept.seconds;
  const ref = r.ref.events / r.ref.seconds;
  const failed = r.kept.failed + r.ref.failed;
  return {
    name,
    result:
      `Kept ${fmt(kept)} ${unit} · ${refName} ${fmt(ref)}/s · ratio ${(kept / ref).toFixed(2)} · load ${r.load}` +
      (failed ? ` · ${failed} failed` : ''),
    target: `ratio ≥ ${goal}`,
    pass: kept / ref >= goal && !failed,
  };
}

/** The peak resident memory of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function runRatioBench(d: RatioDeps): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const slices = 2;
  /** Kept's peak RSS after each row, to tell which load sets it. */
  const peaks: string[] = [];
  const peakAfter = (row: string) => peaks.push(`${row} ${fmt(peakRssMb(d.keptPid))} MB`);
  peakAfter('at the start');
  const sliceMs = (d.seconds * 1000) / slices;
  await resetReferenceTable(d.db);
  const ref = await startReferenceServer(d.dbUrl, d.writeWs);
  const client = (url: string, token: string, n: number) => {
    const c = createClient(url, token, n);
    d.clients.push(c);
    return c;
  };
  try {
    const kept32 = client(d.keptUrl, d.writeToken, 32);
    const ref32 = client(ref.url, '', 32);
    const opts = { clients: 32, maxRequests: 1_000_000, maxMs: sliceMs };
    await postSingleEvents(kept32, `warm-k-${Date.now()}`, { ...opts, maxMs: 2000 });
    await postSingleEvents(ref32, `warm-r-${Date.now()}`, { ...opts, maxMs: 2000 });

    d.log(`ratio: single-event POST, 32 clients, ${slices}×A/B of ${sliceMs / 1000} s`);
    const run = `q${Date.now().toString(36)}`;
    const single = await interleave(
      slices,
      (i) => postSingleEvents(kept32, `${run}-k${i}`, opts),
      (i) => postSingleEvents(ref32, `${run}-r${i}`, opts),
    );
    rows.push(ratioRow('single-event POST, 32 clients', 'ev/s', 'HTTP floor', single, 0.8));
    peakAfter('single events');

    d.log(`ratio: 1,000-event batches, 4 clients, ${slices}×A/B of ${sliceMs / 1000} s`);
    const kept4 = client(d.keptUrl, d.writeToken, 4);
    const batch = await interleave(
      slices,
      (i) => postBatches(kept4, `${run}-b${i}`, { clients: 4, maxRequests: 1_000_000, maxMs: sliceMs, batchSize: 1000 }),
      () => copyBatches(d.dbUrl, d.writeWs, { clients: 4, batchSize: 1000, maxMs: sliceMs }),
    );
    rows.push(ratioRow('1,000-event batches, 4 clients', 'ev/s', 'COPY floor (4 connections)', batch, 0.9));
    peakAfter('batches');

    const answersWs = await ensureWorkspace(d.db, answerWorkspace);
    const perSecond = 2000;
    const tokens = await prepareInvitations(d.db, answersWs, Math.ceil((d.seconds + d.backlogSeconds + 3) * perSecond));
    await d.db.query('VACUUM (ANALYZE) invitations');
    const answers32 = client(d.keptUrl, '', 32);
    await postAnswerMix(answers32, tokens, { clients: 32, maxMs: 2000 }, npsScore);
    d.log(`ratio: public answers, 32 clients, ${slices}×A/B of ${sliceMs / 1000} s`);
    const answers = await interleave(
      slices,
      () => postAnswerMix(answers32, tokens, { clients: 32, maxMs: sliceMs }, npsScore),
      (i) => postSingleEvents(ref32, `${run}-a${i}`, opts),
    );
    rows.push(ratioRow('public answers, 32 clients', 'answers/s', 'HTTP floor single POSTs', answers, 0.8));
    peakAfter('answers');
    if (tokens.length === 0) notes.push('Ratios: the answers ran out of invitations; the answers row is cut short.');

    rows.push(await noBacklog(d, answersWs, answers32, tokens));
    peakAfter('the backlog run');
    const check = await rollupsEqualRebuild(d.dbUrl, answersWs);
    rows.push({
      name: 'score rollups after the answers, against a rebuild from the answers',
      result: `${fmt(check.rows)} rows, ${fmt(check.differing)} differ`,
      target: 'equal',
      pass: check.differing === 0 && check.rows > 0,
    });
    rows.push({
      name: 'Kept peak RSS (VmHWM) after the loads',
      result: `${fmt(peakRssMb(d.keptPid))} MB`,
      target: '≤ 250 MB',
      pass: peakRssMb(d.keptPid) <= 250,
    });
    notes.push(`Kept's peak RSS (VmHWM) after each row: ${peaks.join(' · ')}.`);
    notes.push(
      `Ratios: each row alternates Kept and its reference ${slices} times (A/B/A/B, ${sliceMs / 1000} s a slice) in the same process; ` +
        'the HTTP floor is bench/reference-server.ts (node:http, JSON.parse, minimal checks, group commit with ≤ 4 statements in flight, one ' +
        'INSERT … SELECT FROM unnest(…) JOIN customers … ON CONFLICT DO NOTHING per group into a table LIKE events INCLUDING ALL); the COPY ' +
        'floor copies the same rows over 4 connections. Load is the 1-minute load average over the row.',
    );
  } finally {
    await ref.stop();
  }
  return { rows, notes };
}

/** Answers through POST /api/public/answers with the given score mix; detractors are labelled. */
function postAnswerMix(client: Client, tokens: string[], opts: { clients: number; maxMs: number }, score: (x: number) => number) {
  return runLoad(client, { ...opts, maxRequests: tokens.length }, () => {
    const s = score(Math.random());
    return {
      method: 'POST',
      path: '/api/public/answers',
      body: { token: tokens.shift()!, score: s, reason: 'Quick delivery, friendly driver' },
      events: 1,
      label: s <= 6 ? 'detractor' : 'other',
    };
  });
}

/**
 * Cases from detractors: answers for `backlogSeconds` with a third of them detractors, then how
 * long after the run's end every oops is reported (a case opened or joined).
 */
async function noBacklog(d: RatioDeps, workspaceId: string, client: Client, tokens: string[]): Promise<Row> {
  const oopses = async () =>
    Number((await d.db.query(`SELECT count(*) AS n FROM oopses WHERE workspace_id = $1 AND kind = 'survey'`, [workspaceId])).rows[0].n);
  // Earlier rows' oopses first: the measurement starts with no backlog.
  const before = await settle(oopses, 60_000);
  d.log(`no backlog: answers for ${d.backlogSeconds} s, a third detractors`);
  const loadStart = load1();
  const third = (x: number) => (x < 1 / 3 ? Math.floor(x * 3 * 7) : npsScore(x));
  const r = await postAnswerMix(client, tokens, { clients: 32, maxMs: d.backlogSeconds * 1000 }, third);
  const end = performance.now();
  const duringRun = (await oopses()) - before;
  const detractors = r.byLabel.detractor?.length ?? 0;
  let reported = duringRun;
  while (reported < detractors && performance.now() - end < 60_000) {
    await new Promise((res) => setTimeout(res, 20));
    reported = (await oopses()) - before;
  }
  const drainMs = performance.now() - end;
  const arriving = detractors / r.seconds;
  const opened = duringRun / r.seconds;
  return {
    name: `cases from detractors, ${d.backlogSeconds} s of answers, a third detractors`,
    result:
      `Kept ${fmt(opened)} oopses reported/s · ${fmt(arriving)} detractors/s arriving (${fmt(r.events / r.seconds)} answers/s) · ratio ` +
      `${(opened / arriving).toFixed(2)} · all ${fmt(detractors)} reported ${fmt(drainMs)} ms after the end${reported < detractors ? ' (NOT ALL)' : ''} · ` +
      `load ${loadStart.toFixed(1)}–${load1().toFixed(1)}`,
    target: 'every case within 1 s of the end',
    pass: reported >= detractors && drainMs <= 1000,
  };
}

/** Waits until a count stops changing for a second. */
async function settle(count: () => Promise<number>, maxMs: number): Promise<number> {
  const t0 = Date.now();
  let last = await count();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await count();
    if (now === last || Date.now() - t0 > maxMs) return now;
    last = now;
  }
}
