// Closed-loop load: N clients, each sending its next request as soon as the last one answers,
// until a request count or a time limit is reached (whichever comes first).
import type { Client } from './http.ts';
import type { Row } from './report.ts';

export interface Step {
  method: string;
  path: string;
  body?: unknown;
  /** Events this request carries (counted only when it succeeds). */
  events: number;
  /** A kind of request whose latencies are also reported apart (`LoadResult.byLabel`). */
  label?: string;
}

export interface LoadResult {
  clients: number;
  seconds: number;
  ok: number;
  failed: number;
  /** Statuses of failed requests (0: no answer), with how often each came. */
  failures: Record<string, number>;
  events: number;
  /** Latencies of the successful requests, in ms, sorted. */
  latencies: number[];
  /** The same, for each `Step.label`. */
  byLabel: Record<string, number[]>;
}

export async function runLoad(
  client: Client,
  opts: { clients: number; maxRequests: number; maxMs: number },
  next: (clientIndex: number, seq: number) => Step | Promise<Step>,
  check: (status: number, body: string, step: Step) => boolean = (status) => status >= 200 && status < 300,
): Promise<LoadResult> {
  let started = 0;
  const result: LoadResult = { clients: opts.clients, seconds: 0, ok: 0, failed: 0, failures: {}, events: 0, latencies: [], byLabel: {} };
  const t0 = performance.now();
  const deadline = t0 + opts.maxMs;
  const worker = async (i: number) => {
    for (let seq = 0; started < opts.maxRequests && performance.now() < deadline; seq++) {
      started++;
      const step = await next(i, seq);
      const r = await client.request(step.method, step.path, step.body);
      if (check(r.status, r.body, step)) {
        result.ok++;
        result.events += step.events;
        result.latencies.push(r.ms);
        if (step.label) (result.byLabel[step.label] ??= []).push(r.ms);
      } else {
        result.failed++;
        result.failures[r.status] = (result.failures[r.status] ?? 0) + 1;
        if (result.failed <= 3) process.stderr.write(`  request failed: ${r.status} ${r.body.slice(0, 200)}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, i) => worker(i)));
  result.seconds = (performance.now() - t0) / 1000;
  result.latencies.sort((a, b) => a - b);
  for (const list of Object.values(result.byLabel)) list.sort((a, b) => a - b);
  return result;
}

/** The p-th percentile (0-100) of sorted values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A load's rate and latencies as a row of the table. */
export function rate(name: string, r: LoadResult): Row {
  return {
    name,
    result: `${Math.round(r.events / r.seconds).toLocaleString('en')} events/s`,
    p50: percentile(r.latencies, 50),
    p95: percentile(r.latencies, 95),
  };
}

/** The notes that say which requests of a load failed, and how. */
export function failures(what: string, r: LoadResult): string[] {
  if (!r.failed) return [];
  const by = Object.entries(r.failures).map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`);
  return [`${what}: ${r.failed} of ${r.ok + r.failed} requests failed (${by.join(', ')}).`];
}
