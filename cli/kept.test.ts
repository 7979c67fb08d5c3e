import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { main } from './kept.ts';
import { cliAgainst } from '../test/cli.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const kept = cliAgainst(() => t.url);

describe('kept CLI', () => {
  it('prints usage with --help and exits 0; with no command exits 2', async () => {
    const help = await kept('--help');
    expect(help.code).toBe(0);
    for (const c of ['start', 'migrate', 'admin create', 'token create', 'import events', 'demo', 'openapi']) expect(help.out).toContain(c);
    expect((await kept()).code).toBe(2);
  });

  it('refuses an unknown command and unknown flags with usage and exit 2', async () => {
    const unknown = await kept('launch');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "launch"');
    const flag = await kept('admin', 'create', '--email', 'a@example.com', '--pasword', 'x');
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/Unknown option '--pasword'/);
    expect(flag.err).toContain('Usage: kept admin create');
  });

  it('validates flag values before touching the database', async () => {
    expect((await kept('admin', 'create', '--email', 'nope', '--password', 'long enough pw')).err).toContain('not an e-mail');
    expect((await kept('admin', 'create', '--email', 'a@example.com', '--password', 'short')).err).toContain('at least 10');
    const role = await kept('token', 'create', '--name', 'x', '--role', 'owner');
    expect(role.code).toBe(2);
    expect(role.err).toContain('--role must be admin, manager or agent');
    expect((await kept('token', 'create', '--role', 'agent')).err).toContain('Missing --name');
  });

  it('creates an admin once, answering a repeat with a conflict', async () => {
    const first = await kept('admin', 'create', '--email', 'Root@example.com', '--password', 'a long password');
    expect(first.code).toBe(0);
    const again = await kept('admin', 'create', '--email', 'root@example.com', '--password', 'a long password');
    expect(again.code).toBe(5);
    expect(again.err).toContain('already exists');
  });

  it('prints a token once on stdout, and only its hash is stored', async () => {
    const r = await kept('token', 'create', '--name', 'crm', '--role', 'agent');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^kept_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.selectFrom('api_tokens').select(['name', 'prefix']).execute();
    const secret = r.out.replace(/^kept_[0-9a-f]{32}_/, '');
    expect(rows).toContainEqual({ name: 'crm', prefix: `kept_…${secret.slice(0, 8)}` });
    expect(JSON.stringify(await t.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(secret);
  });

  it('says which workspace is unknown with exit 4', async () => {
    const r = await kept('token', 'create', '--name', 'x', '--role', 'agent', '--workspace', 'nowhere');
    expect(r.code).toBe(4);
    expect(r.err).toContain('There is no workspace "nowhere"');
  });

  it('migrates idempotently and prints the OpenAPI document', async () => {
    expect((await kept('migrate')).out).toMatch(/Up to date/);
    const doc = JSON.parse((await kept('openapi')).out);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('stops with every configuration problem listed', async () => {
    const errors: string[] = [];
    const code = await main(['migrate'], {
      out: () => {},
      err: (s) => errors.push(s),
      isTty: false,
      env: { DATABASE_URL: 'mysql://x', PORT: 'x' },
    });
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
  });
});

describe('the kept executable', () => {
  const run = (...args: string[]) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['bin/kept.js', ...args], { stdio: 'ignore' });
      child.on('exit', (code) => resolve(code));
    });

  it('exits non-zero on a bad command or flag, and 0 for --help', async () => {
    expect(await run('launch')).toBe(2);
    expect(await run('migrate', '--nope')).toBe(2);
    expect(await run('--help')).toBe(0);
  }, 90_000); // three processes start one after another: slow on a busy machine
});
