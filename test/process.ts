// Kept as a separate process, the way an operator runs it: `kept start` on its own data
// directory (or on a PostgreSQL server that several processes share), stopped with SIGTERM or
// crashed with SIGKILL. Used by the crash test and the
// benchmarks (which want the load generator off the server's event loop). Linux only: a
// crash finds PostgreSQL's backends through /proc.
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const keptBin = fileURLToPath(new URL('../bin/kept.js', import.meta.url));

export interface KeptProcess {
  url: string;
  pid: number;
  /** What the process wrote to stdout and stderr (the last 256 KiB). */
  output(): string;
  /** SIGTERM, and wait for Kept to stop its PostgreSQL and exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to Kept, its embedded postmaster and every PostgreSQL backend at once. */
  crash(): Promise<void>;
}

/**
 * The environment of a Kept child: the embedded PostgreSQL in `dataDir`, or the server at
 * `databaseUrl`; never a DATABASE_URL inherited from the test run.
 */
function keptEnv(dataDir: string, extra: Record<string, string> = {}, databaseUrl?: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  // KEPT_OUTBOUND_ALLOW: test webhook receivers listen on loopback, which Kept refuses otherwise.
  return {
    ...env,
    KEPT_DATA_DIR: dataDir,
    KEPT_LOG_LEVEL: 'warn',
    KEPT_OUTBOUND_ALLOW: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...extra,
  };
}

/**
 * Starts `kept start --port 0` leading its own process group, and resolves once it listens.
 * The port comes from the line Kept prints when ready, so there is no race for a free port.
 */
export async function startKeptProcess(opts: {
  dataDir: string;
  /** A PostgreSQL server instead of the embedded one: several processes may share it. */
  databaseUrl?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Flags for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
}): Promise<KeptProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), keptBin, 'start', '--port', '0'], {
    env: keptEnv(opts.dataDir, opts.env, opts.databaseUrl),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-256 * 1024);
  };
  child.stdout!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timeoutMs = opts.timeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(new Error(`Kept did not start within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`Kept exited while starting (code ${code}, signal ${signal})`));
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (child.pid) crashTree(child.pid);
      reject(new Error(`${err.message}\n--- output ---\n${tail.slice(-8000)}`));
    };
    let ready = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      keep(chunk);
      const m = ready ? null : /Kept is running at (\S+)/.exec(tail);
      if (m) {
        ready = true;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(m[1]!);
      }
    });
    child.once('exit', onExit);
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    output: () => tail,
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => crashTree(pid), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async crash() {
      const killed = crashTree(pid);
      await exited;
      // SIGKILL is not instant: wait until none of them runs (a zombie holds nothing).
      for (let i = 0; i < 100 && killed.some(isRunning); i++) await new Promise((r) => setTimeout(r, 50));
      const left = killed.filter(isRunning);
      if (left.length) throw new Error(`Processes ${left.join(', ')} survived SIGKILL`);
    },
  };
}

/**
 * Kills a process group and everything below its leader. PostgreSQL backends call setsid(),
 * so they leave the group; they are found by parent pid before anything dies (once the
 * postmaster is gone they are re-parented and no longer traceable).
 */
export function crashTree(pid: number): number[] {
  const below = descendants(pid);
  for (const target of [-pid, pid, ...below]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return [pid, ...below];
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Every process below `root` (children, their children, ...), by parent pid in /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name in field 2 may hold spaces and parentheses: parse after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) for (const c of children.get(queue.shift()!) ?? []) (found.push(c), queue.push(c));
  return found;
}

/** Runs a `kept` CLI command against the same data directory; answers its stdout. */
export function keptCli(args: string[], dataDir: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [keptBin, ...args], { env: keptEnv(dataDir), timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kept ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

/** The embedded PostgreSQL's URL, from the files Kept keeps in its data directory. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = readFileSync(`${dataDir}/pg-password`, 'utf8').trim();
  const { port } = JSON.parse(readFileSync(`${dataDir}/owner.json`, 'utf8')) as { port: number };
  return `postgres://kept:${encodeURIComponent(password)}@127.0.0.1:${port}/kept`;
}
