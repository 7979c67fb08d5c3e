// Kept as the outside world sees it: `node bin/kept.js start` as a child process on a free
// port, with its own data directory, plus the same CLI an operator would run beside it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

export interface RunningKept {
  url: string;
  /** Its data directory: the embedded database's address is in owner.json and pg-password there. */
  dataDir: string;
  /** `kept <args>` against this instance's data directory; resolves to its stdout. */
  cli(args: string[]): Promise<string>;
  /** SIGTERM, wait for the exit, remove the data directory. */
  stop(): Promise<void>;
}

/** `npm run build:web` when web/dist is missing, since the server serves whatever is there at start. */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(join(repoRoot, 'web/dist/index.html'))) return;
  await run('npm', ['run', 'build:web'], { cwd: repoRoot, timeout: 120_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `extraEnv`: configuration for this instance, e.g. KEPT_SMTP_URL pointing at the test's mail server. */
export async function startKept(extraEnv: Record<string, string> = {}): Promise<RunningKept> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kept-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // KEPT_OUTBOUND_ALLOW: the tests' webhook receiver listens on loopback, which Kept refuses otherwise.
  const env = { ...process.env, KEPT_DATA_DIR: dataDir, KEPT_LOG_LEVEL: 'warn', KEPT_OUTBOUND_ALLOW: '127.0.0.1', ...extraEnv };
  const child = spawn(process.execPath, ['bin/kept.js', 'start', '--port', String(port)], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    await stopProcess(child, exited);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(url, exited, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    dataDir,
    async cli(args) {
      try {
        const { stdout } = await run(process.execPath, ['bin/kept.js', ...args], { cwd: repoRoot, env, timeout: 60_000 });
        return stdout;
      } catch (err) {
        const e = err as Error & { stderr?: string };
        throw new Error(`kept ${args.slice(0, 2).join(' ')} failed: ${e.stderr ?? e.message}`, { cause: err });
      }
    },
    stop,
  };
}

async function waitForHealthy(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`kept start exited with ${gone} before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`kept start was not healthy within 180 s:\n${output()}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
