// Importing historical answers from another tool: all or nothing, once per (source, idempotency
// key). Imported answers are not hand-picked and have no invitation, so they count in scores but
// not in the response rate.
import type { ResponseImport } from '../../../contract/answers.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import { insertEvents } from '../../storage/events.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import * as store from '../../storage/responses.ts';
import { appendRollupDeltas, segmentOf, utcDay, type RollupChange } from '../../storage/rollup-deltas.ts';
import { findSurveys } from '../../storage/surveys.ts';
import { invalidInput, type FieldProblem, type KeptError } from '../core/errors.ts';
import { maxFutureMs } from '../core/events.ts';
import { checkAnswer, responseEvent } from './answers.ts';
import type { SignalDeps } from './signal-settings.ts';

export async function importResponses(d: SignalDeps, workspaceId: string, inputs: ResponseImport[]) {
  const now = d.clock.now();
  const pathOf = (i: number) => (inputs.length === 1 ? [] : ['responses', i]);
  const surveys = await findSurveys(
    d.db,
    workspaceId,
    inputs.map((r) => r.surveyId),
  );
  const problems: FieldProblem[] = [];
  inputs.forEach((r, i) => {
    const s = surveys.get(r.surveyId);
    if (!s) return problems.push({ path: [...pathOf(i), 'surveyId'], message: 'is not a survey of this workspace' });
    try {
      checkAnswer(s, r, pathOf(i));
    } catch (err) {
      problems.push(...((err as KeptError).details as { problems: FieldProblem[] }).problems);
    }
    if (Date.parse(r.answeredAt) > now.getTime() + maxFutureMs)
      problems.push({ path: [...pathOf(i), 'answeredAt'], message: 'is in the future' });
  });
  if (problems.length) throw invalidInput('Some answers were refused; none were stored', problems);
  return d.db.transaction().execute(async (tx) => {
    const customerIds = await resolveCustomers(
      tx,
      workspaceId,
      inputs.map((r) => r.customer),
      now,
    );
    const profiles = await customerProfiles(tx, workspaceId, customerIds);
    const rows = inputs.map((r, i): store.ResponseRecord => ({
      workspaceId,
      id: uuidv7(now.getTime()),
      surveyId: r.surveyId,
      customerId: customerIds[i]!,
      invitationId: null,
      kind: surveys.get(r.surveyId)!.kind,
      score: r.score,
      reason: r.reason ?? null,
      answers: r.answers,
      channel: 'import',
      handPicked: false,
      locale: r.locale ?? null,
      segment: segmentOf(profiles.get(customerIds[i]!)?.attributes),
      answeredAt: new Date(r.answeredAt),
      receivedAt: now,
      updatedAt: now,
      closesAt: null,
      source: r.source,
      idempotencyKey: r.idempotencyKey ?? null,
    }));
    // Within one batch a repeated (source, key) is a duplicate of its first occurrence.
    const firstByKey = new Map<string, number>();
    const fresh = rows.filter((r, i) => {
      if (r.idempotencyKey === null) return true;
      const k = `${r.source}\u0000${r.idempotencyKey}`;
      if (firstByKey.has(k)) return false;
      firstByKey.set(k, i);
      return true;
    });
    const inserted = await store.insertResponses(tx, fresh);
    const stored = fresh.filter((r) => inserted.has(r.id));
    const changes: RollupChange[] = stored.map((r) => ({
      surveyId: r.surveyId,
      day: utcDay(r.answeredAt),
      handPicked: false,
      segment: r.segment,
      scores: [{ score: r.score, delta: 1 }],
    }));
    await appendRollupDeltas(tx, workspaceId, changes);
    await insertEvents(
      tx,
      workspaceId,
      stored.map((r) =>
        responseEvent('response.created', {
          responseId: r.id,
          customerId: r.customerId,
          survey: surveys.get(r.surveyId)!,
          score: r.score,
          reason: r.reason,
          answers: r.answers,
          channel: 'import',
          handPicked: false,
          invitationId: null,
          at: r.answeredAt,
          key: `response:${r.id}`,
        }),
      ),
      now,
    );
    const missing = rows.filter((r) => !inserted.has(r.id) && r.idempotencyKey !== null);
    const originals = new Map(
      (
        await store.findResponsesByKeys(
          tx,
          workspaceId,
          missing.map((r) => ({ source: r.source, key: r.idempotencyKey! })),
        )
      ).map((o) => [`${o.source}\u0000${o.idempotencyKey}`, o]),
    );
    const results = rows.map((r, index) => {
      if (inserted.has(r.id)) return { index, id: r.id, customerId: r.customerId, duplicate: false };
      const k = `${r.source}\u0000${r.idempotencyKey}`;
      const first = rows[firstByKey.get(k)!]!;
      const o = inserted.has(first.id) ? first : originals.get(k)!;
      return { index, id: o.id, customerId: o.customerId, duplicate: true };
    });
    return { stored: stored.length, duplicates: rows.length - stored.length, results };
  });
}
