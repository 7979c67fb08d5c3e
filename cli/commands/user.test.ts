import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { cliAgainst } from '../../test/cli.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const kept = cliAgainst(() => t.url);

describe('kept user', () => {
  it('creates with a password, invites without one, lists, and deactivates', async () => {
    expect((await kept('admin', 'create', '--email', 'root@example.com', '--password', 'long enough pw')).code).toBe(0);
    const made = await kept('user', 'create', '--email', 'ann@example.com', '--role', 'agent', '--password', 'anns password');
    expect(made.code).toBe(0);
    expect(made.out).toContain('Created ann@example.com (agent)');
    const invited = await kept('user', 'create', '--email', 'bo@example.com', '--role', 'manager', '--name', 'Bo');
    expect(invited.code).toBe(0);
    expect(invited.out).toContain('Invited bo@example.com (manager)');
    const mails = await t.db.selectFrom('mails').select(['kind', 'to_address']).execute();
    expect(mails).toContainEqual({ kind: 'staff_invitation', to_address: 'bo@example.com' });
    const list = await kept('user', 'list');
    expect(list.out.split('\n').sort()).toEqual([
      'ann@example.com\tann\tagent\tactive',
      'bo@example.com\tBo\tmanager\tinvited',
      'root@example.com\troot\tadmin\tactive',
    ]);
    const gone = await kept('user', 'deactivate', '--email', 'ann@example.com');
    expect(gone.code).toBe(0);
    expect(gone.out).toContain('Deactivated ann@example.com: 0 session(s) ended, 0 token(s) revoked, 0 open case(s)');
    expect((await kept('user', 'list')).out).toContain('ann@example.com\tann\tagent\tdeactivated');
  });

  it('refuses bad flags with usage (exit 2), and unknown or repeated leavers with their error codes', async () => {
    const role = await kept('user', 'create', '--email', 'x@example.com', '--role', 'owner');
    expect(role.code).toBe(2);
    expect(role.err).toContain('--role must be admin, manager or agent');
    expect((await kept('user', 'create', '--email', 'nope', '--role', 'agent')).err).toContain('not an e-mail');
    expect((await kept('user', 'create', '--email', 'x@example.com', '--role', 'agent', '--password', 'short')).err).toContain(
      'at least 10',
    );
    expect((await kept('user', 'deactivate')).err).toContain('Missing --email');
    const unknown = await kept('user', 'deactivate', '--email', 'ghost@example.com');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('There is no ghost@example.com');
    const again = await kept('user', 'deactivate', '--email', 'ann@example.com');
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('already deactivated');
    const dup = await kept('user', 'create', '--email', 'ANN@example.com', '--role', 'agent');
    expect(dup.code).not.toBe(0);
    expect(dup.err).toContain('already exists');
  });
});
