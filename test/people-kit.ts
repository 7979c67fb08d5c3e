// What the people tests share (recognition, hand-offs, the obsession score): a workspace with
// named staff in departments, each able to sign in, and an admin token.
import { createUser } from '../server/domain/core/staff.ts';
import { systemClock, type Clock } from '../server/domain/core/clock.ts';
import type { Db } from '../server/storage/database.ts';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from './factories.ts';
import { uuidv7 } from '../server/lib/ids.ts';

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  headers: Record<string, string>;
}

export async function peopleWorld(db: Db, opts: { clock?: Clock; publicUrl?: string } = {}) {
  const app: TestApp = buildApp(db, {
    clock: opts.clock,
    config: { sessionHours: 24 * 365, publicUrl: opts.publicUrl ?? 'https://kept.test' },
  });
  const ws = await buildWorkspace(db);
  const admin = await buildToken(db, ws.id, 'admin');
  const tag = uuidv7().slice(-6);
  const department = async (key: string) =>
    (await call(app, 'POST', '/api/v1/departments', { token: admin, body: { key: `${key}-${tag}`, name: key, colour: '#1f77b4' } })).body
      .id as string;
  const person = async (name: string, role: 'agent' | 'manager' | 'admin', departmentIds: string[]): Promise<StaffMember> => {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}-${tag}@example.com`;
    const password = 'a long enough password';
    const u = await createUser(db, opts.clock ?? systemClock, ws.id, { email, name, role, password });
    for (const d of departmentIds) {
      const r = await call(app, 'PUT', `/api/v1/departments/${d}/members/${u.id}`, { token: admin });
      if (r.status !== 200) throw new Error(`membership: ${r.status} ${r.text}`);
    }
    const s = await call(app, 'POST', '/api/v1/session', { body: { email, password } });
    if (s.status !== 201) throw new Error(`sign-in: ${s.status} ${s.text}`);
    return { id: u.id, name, email, headers: { cookie: s.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': s.body.csrfToken } };
  };
  const as = (who: StaffMember | string, method: string, path: string, body?: unknown) =>
    call(app, method, path, typeof who === 'string' ? { token: who, body } : { headers: who.headers, body });
  return { app, ws, admin, department, person, as };
}
