// The log of a run holds no customer link token and no secret: requests to the answer, case and
// unsubscribe pages, secret-named query values and a body token, then the log is read back.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { redactedLogPaths, redactPath } from './log-redact.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('the request log', () => {
  it('redacts link tokens and secret query values in paths', () => {
    expect(redactPath('/s/abc123DEF')).toBe('/s/[redacted]');
    expect(redactPath('/c/abc/reply?x=1')).toBe('/c/[redacted]/reply?x=1');
    expect(redactPath('/u/tok?token=t1&q=ok&api_key=k&signature=s')).toBe(
      '/u/[redacted]?token=[redacted]&q=ok&api_key=[redacted]&signature=[redacted]',
    );
    expect(redactPath('/api/v1/cases?status=open')).toBe('/api/v1/cases?status=open');
    expect(redactPath('/settings/s/x')).toBe('/settings/s/x');
  });

  it('holds none of the tokens a run used', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ level: 'debug', redact: { paths: redactedLogPaths, censor: '[redacted]' } }, sink);
    const app = buildApp(t.db, { log });
    const ws = await buildWorkspace(t.db);
    const admin = await buildToken(t.db, ws.id, 'admin');
    const secrets = ['SURVEYTOKEN0123456789', 'CASETOKEN0123456789', 'UNSUBTOKEN0123456789', 'QUERYSECRET42', admin];
    await app.request(`/s/${secrets[0]}`);
    await app.request(`/s/${secrets[0]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=9',
    });
    await app.request(`/c/${secrets[1]}`);
    await app.request(`/u/${secrets[2]}?token=${secrets[3]}`, { method: 'POST' });
    await app.request(`/api/v1/customers?access_token=${secrets[3]}`, { headers: { authorization: `Bearer ${admin}` } });
    await app.request('/api/public/answers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: secrets[0], score: 9 }),
    });
    log.error({ token: secrets[0], headers: { authorization: `Bearer ${admin}` } }, 'a log line that carries secrets by mistake');
    log.flush();
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(text).toContain('/s/[redacted]');
    expect(text).toContain('/c/[redacted]');
    for (const s of secrets) expect(text).not.toContain(s);
  });
});
