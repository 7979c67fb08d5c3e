// A group of new answers written by ONE statement, autocommitted (issue 15: each round trip to
// PostgreSQL costs Kept ~0.2 ms of CPU in socket writes, and the locked transaction took eight per
// group). The group's read (answer-context.ts readAnswerContext) took no lock, so the statement
// checks what the answers rely on as it writes: an invitation is marked answered only while it is
// still sent, unanswered and not expired (an UPDATE that waited for another transaction's lock
// re-checks the row as that transaction left it), and everything else is written only for the
// answers whose invitation it marked: the answers, their timeline events and the webhook
// deliveries of those events, the rollup deltas (summed in SQL from the stored answers), the oops
// jobs that open recovery cases and the praise checks. The answers it did not store are known by
// their invitation ids; the caller takes them the locked way (domain/signals/answer-transaction.ts).
//
// A named statement with one text for any group size; with synchronous_commit on, it returns only
// after its COMMIT is flushed, so an acknowledged answer is never lost.
import { sql } from 'kysely';
import { prepared, type Db } from './database.ts';
import type { NewEvent } from './events.ts';
import { columnsOf, type ResponseRecord } from './responses.ts';
import { insertPlannedDeliveries, planWebhookDeliveries } from './webhook-queue.ts';

export interface NewAnswerGroup {
  /** New answers, each to a distinct invitation, all answered at `at`. */
  responses: ResponseRecord[];
  /** Their timeline events, each naming its answer. */
  events: (NewEvent & { responseId: string })[];
  /** Oops reports to queue for the recovery worker (report_oops), each naming its answer. */
  oopses: { responseId: string; key: string; report: Record<string, unknown> }[];
  /** Answers to look for praise in (recognize_praise). */
  praise: string[];
  at: Date;
}

const scoreColumns = Array.from({ length: 11 }, (_, s) => `count(*) FILTER (WHERE i.score = ${s})`).join(', ');

/** Writes the group; answers the invitation ids whose answers were stored. */
export async function writeNewAnswers(db: Db, workspaceId: string, g: NewAnswerGroup): Promise<Set<string>> {
  if (!g.responses.length) return new Set();
  const [id, survey, customer, invitation, kind, score, reason, answers, channel, handPicked, locale, segment, , , , closesAt] = columnsOf(
    g.responses,
  );
  const ev = g.events;
  const hooks = await planWebhookDeliveries(db, workspaceId, ev, g.at);
  const day = g.at.toISOString().slice(0, 10);
  const r = await prepared(sql<{ stored: string[] | null }>`
    WITH upd AS (
      UPDATE invitations i SET answered_at = ${g.at}::timestamptz
      FROM unnest(${invitation}::uuid[]) AS x(id)
      WHERE i.workspace_id = ${workspaceId}::uuid AND i.id = x.id AND i.status = 'sent' AND i.answered_at IS NULL
        AND (i.expires_at IS NULL OR i.expires_at > ${g.at}::timestamptz)
      RETURNING i.id
    ), ins AS (
      INSERT INTO responses (workspace_id, id, survey_id, customer_id, invitation_id, kind, score, reason, answers, channel,
        hand_picked, locale, segment, answered_at, received_at, updated_at, closes_at, source, idempotency_key)
      SELECT ${workspaceId}::uuid, r.id, r.survey_id, r.customer_id, r.invitation_id, r.kind, r.score, r.reason, r.answers, r.channel,
        r.hand_picked, r.locale, r.segment, ${g.at}::timestamptz, ${g.at}::timestamptz, ${g.at}::timestamptz, r.closes_at, 'kept', NULL
      FROM unnest(${id}::uuid[], ${survey}::uuid[], ${customer}::uuid[], ${invitation}::uuid[], ${kind}::text[], ${score}::smallint[],
        ${reason}::text[], ${answers}::jsonb[], ${channel}::text[], ${handPicked}::boolean[], ${locale}::text[], ${segment}::jsonb[],
        ${closesAt}::timestamptz[])
        AS r(id, survey_id, customer_id, invitation_id, kind, score, reason, answers, channel, hand_picked, locale, segment, closes_at)
      JOIN upd ON upd.id = r.invitation_id
      ON CONFLICT DO NOTHING
      RETURNING id, invitation_id, survey_id, hand_picked, score, segment
    ), ev AS (
      INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
      SELECT ${workspaceId}::uuid, e.id, e.customer_id, e.type, e.source, e.occurred_at, ${g.at}::timestamptz, e.idempotency_key, e.data
      FROM unnest(${ev.map((e) => e.id)}::uuid[], ${ev.map((e) => e.responseId)}::uuid[], ${ev.map((e) => e.customerId)}::uuid[],
        ${ev.map((e) => e.type)}::text[], ${ev.map((e) => e.source)}::text[], ${ev.map((e) => e.occurredAt)}::timestamptz[],
        ${ev.map((e) => e.idempotencyKey)}::text[], ${ev.map((e) => JSON.stringify(e.data))}::jsonb[])
        AS e(id, response_id, customer_id, type, source, occurred_at, idempotency_key, data)
      JOIN ins ON ins.id = e.response_id
      ON CONFLICT (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id
    ), hooks AS (
      ${insertPlannedDeliveries(workspaceId, hooks, g.at, 'ev')}
    ), deltas AS (
      INSERT INTO score_rollup_deltas (workspace_id, dim, value, day, survey_id, hand_picked,
        s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited)
      SELECT ${workspaceId}::uuid, d.dim, d.value, ${day}::date, i.survey_id, i.hand_picked, ${sql.raw(scoreColumns)}, 0, count(*)
      FROM ins i
      CROSS JOIN LATERAL (SELECT ''::text AS dim, ''::text AS value UNION ALL SELECT key, value FROM jsonb_each_text(i.segment)) d
      GROUP BY d.dim, d.value, i.survey_id, i.hand_picked
    ), oops AS (
      SELECT count(*) AS n FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW('report_oops', json_build_object('workspaceId', ${workspaceId}::text, 'report', o.report), NULL, ${g.at}::timestamptz, 25,
                   'oops:' || o.key, 0, NULL)::graphile_worker.job_spec
        FROM unnest(${g.oopses.map((o) => o.responseId)}::uuid[], ${g.oopses.map((o) => o.key)}::text[],
          ${g.oopses.map((o) => JSON.stringify(o.report))}::json[]) AS o(response_id, key, report)
        JOIN ins ON ins.id = o.response_id))
    ), praise AS (
      SELECT count(*) AS n FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW('recognize_praise', json_build_object('workspaceId', ${workspaceId}::text, 'responseId', ins.id), NULL,
                   ${g.at}::timestamptz, 25, 'praise:' || ins.id, 0, NULL)::graphile_worker.job_spec
        FROM unnest(${g.praise}::uuid[]) AS p(id) JOIN ins ON ins.id = p.id))
    )
    SELECT (SELECT array_agg(invitation_id) FROM ins) AS stored, (SELECT n FROM oops) AS oopses, (SELECT n FROM praise) AS praise`).execute(
    db,
  );
  return new Set(r.rows[0]?.stored ?? []);
}
