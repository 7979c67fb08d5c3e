// What the learning tests share: a workspace with a manager, agents signed in, a department,
// and factories for the feedback friction is tagged to (a case, a complaint, an answer).
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from './factories.ts';
import type { Clock } from '../server/domain/core/clock.ts';
import type { Db } from '../server/storage/database.ts';

export interface Person {
  id: string;
  email: string;
  headers: Record<string, string>;
}

export async function signIn(
  app: TestApp,
  db: Db,
  workspaceId: string,
  role: 'agent' | 'manager' | 'admin',
  name: string,
): Promise<Person> {
  const user = await buildUser(db, workspaceId, { role, email: `${name}-${workspaceId.slice(-6)}@example.com` });
  const s = await call(app, 'POST', '/api/v1/session', { body: { email: user.email, password: user.password } });
  return {
    id: user.id,
    email: user.email,
    headers: { cookie: s.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': s.body.csrfToken },
  };
}

export async function learningWorld(db: Db, clock: Clock) {
  const app = buildApp(db, { clock, config: { sessionHours: 24 * 365 } });
  const wsId = (await buildWorkspace(db)).id;
  const manager = await buildToken(db, wsId, 'manager');
  const agentToken = await buildToken(db, wsId, 'agent');
  const boss = await signIn(app, db, wsId, 'manager', 'boss');
  const ana = await signIn(app, db, wsId, 'agent', 'ana');
  const ben = await signIn(app, db, wsId, 'agent', 'ben');
  const returns = (
    await call(app, 'POST', '/api/v1/departments', { token: manager, body: { key: 'returns', name: 'Returns', colour: '#1f77b4' } })
  ).body.id as string;
  let n = 0;
  const as = (who: Person | string, method: string, path: string, body?: unknown) =>
    call(app, method, path, typeof who === 'string' ? { token: who, body } : { headers: who.headers, body });
  const complaint = async (body: string, customer: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    n++;
    const r = await call(app, 'POST', '/api/v1/complaints', {
      token: agentToken,
      body: {
        customer: { externalId: `cust-${n}`, email: `cust${n}@example.com`, name: `Customer ${n}`, ...customer },
        body,
        source: 'support',
        ...extra,
      },
    });
    if (r.status !== 201 && r.status !== 200) throw new Error(`complaint: ${r.status} ${r.text}`);
    return r.body.complaint as { id: string; customerId: string; caseId: string };
  };
  const kase = async (summary: string) => {
    n++;
    const r = await call(app, 'POST', '/api/v1/cases', {
      token: agentToken,
      body: { customer: { externalId: `case-cust-${n}`, email: `case${n}@example.com` }, summary },
    });
    if (r.status !== 201) throw new Error(`case: ${r.status} ${r.text}`);
    return r.body.case as { id: string; customerId: string };
  };
  let surveyId: string | undefined;
  const answer = async (score: number, reason: string, answeredAt = clock.now().toISOString()) => {
    surveyId ??= (await call(app, 'POST', '/api/v1/surveys', { token: manager, body: { kind: 'nps', name: 'Relationship' } })).body
      .id as string;
    n++;
    const r = await call(app, 'POST', '/api/v1/responses', {
      token: manager,
      body: { surveyId, customer: { externalId: `ans-${n}`, email: `ans${n}@example.com` }, score, reason, answeredAt },
    });
    if (r.status !== 201) throw new Error(`answer: ${r.status} ${r.text}`);
    return r.body.results[0] as { id: string; customerId: string };
  };
  return { app, wsId, manager, agentToken, boss, ana, ben, returns, as, complaint, kase, answer };
}
