// The start-up rows: how long Kept takes from the command to a /healthz that answers 200, warm
// (its data directory made by an earlier start), started as the README starts it (`npm start`)
// and as the bin (`node bin/kept.js start`), taken in turn with node's own start (`node -e 0`) as
// the floor no start can go under. Each start is stopped with SIGTERM before the next one, and
// the process group is waited for, so PostgreSQL is down between runs. Runs before the other
// scenarios' Kept starts, on a data directory of its own (bench/.data/startup).
import { spawn } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/storage/embedded.ts';
import { percentile } from './load.ts';
import type { Row } from './report.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = fileURLToPath(new URL('./.data/startup', import.meta.url));
const goalMs = 800;

export async function runStartupBench(opts: { runs: number; log: (s: string) => void }): Promise<{ rows: Row[]; notes: string[] }> {
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach it
  const port = await freePort();
  opts.log(`start-up: a first start on ${dataDir} (PostgreSQL's initdb when the folder is new)`);
  await timeToHealthz(['npm', 'start'], port, 120_000);
  const npm: number[] = [];
  const bin: number[] = [];
  const node: number[] = [];
  const load0 = loadavg()[0]!;
  for (let i = 0; i < opts.runs; i++) {
    opts.log(`start-up: run ${i + 1} of ${opts.runs}`);
    npm.push(await timeToHealthz(['npm', 'start'], port));
    bin.push(await timeToHealthz([process.execPath, 'bin/kept.js', 'start'], port));
    node.push(await timeToExit([process.execPath, '-e', '0']));
  }
  const load1 = loadavg()[0]!;
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const spread = (xs: number[]) =>
    `${Math.round(median(xs)).toLocaleString('en')} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}, ${xs.length} runs)`;
  return {
    rows: [
      { name: '`npm start` → /healthz, warm', result: spread(npm), target: `≤ ${goalMs} ms`, pass: median(npm) <= goalMs },
      { name: '`node bin/kept.js start` → /healthz, warm', result: spread(bin) },
      { name: 'reference: node’s own start (`node -e 0`)', result: spread(node) },
    ],
    notes: [
      `Start-up: each run started the command, polled GET /healthz every 5 ms until it answered 200, then sent SIGTERM and waited for the process group to end; ` +
        `the three commands in turn, ${opts.runs} times; load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after. ` +
        'Each result is the p50 (nearest rank, as the other rows) and the fastest and slowest run. The difference between the first two rows is npm’s own start.',
    ],
  };
}

/** Milliseconds from spawning `cmd` (in its own process group) to the first 200 from /healthz; then stops it. */
async function timeToHealthz(cmd: string[], port: number, timeoutMs = 60_000): Promise<number> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const started = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), {
    cwd: repoRoot,
    env: { ...env, KEPT_DATA_DIR: dataDir, PORT: String(port), KEPT_LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`${cmd.join(' ')} ended before /healthz answered:\n${stderr}`);
      if (performance.now() - started > timeoutMs) throw new Error(`${cmd.join(' ')}: /healthz did not answer within ${timeoutMs} ms`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (!gone) process.kill(child.pid!, 'SIGTERM');
    await exited;
    await groupGone(child.pid!);
  }
}

async function timeToExit(cmd: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}

/** Waits until no process of the group is left (PostgreSQL stops after Kept). */
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process group ${pgid} still running 15 s after SIGTERM`);
}
