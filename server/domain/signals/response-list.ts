// The drill-down: the answers behind a figure, filtered exactly as the rollups are keyed.
import { z } from 'zod';
import type { Response, ResponseListQuery } from '../../../contract/answers.ts';
import type { Db } from '../../storage/database.ts';
import { listResponses as listStoredResponses, matchingSurveys } from '../../storage/score-queries.ts';
import type { Page } from '../core/customers.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import type { FieldProblem } from '../core/errors.ts';
import { checkFilters, fail } from './score-filters.ts';

const responseCursor = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });

/**
 * The answers behind a figure, newest first (answered_at, then id), keyset-paginated.
 * Hand-picked answers are left out unless includeHandPicked; `segment=plan:gold` keeps answers
 * given while the customer's plan was gold; `from` is included and `to` is not.
 */
export async function listResponses(db: Db, workspaceId: string, q: ResponseListQuery): Promise<Page<Response>> {
  const problems: FieldProblem[] = [];
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) problems.push({ path: ['from'], message: 'must be before to' });
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax)
    problems.push({ path: ['scoreMin'], message: 'must not be above scoreMax' });
  await checkFilters(db, workspaceId, q, problems);
  fail(problems);
  const before = q.cursor ? decodeCursor(q.cursor, responseCursor) : undefined;
  const surveys = await matchingSurveys(db, workspaceId, {
    kinds: q.kind ? [q.kind] : undefined,
    surveyId: q.surveyId,
    departmentId: q.departmentId,
  });
  const colon = q.segment?.indexOf(':') ?? -1;
  const rows = await listStoredResponses(db, workspaceId, {
    surveyIds: surveys.map((s) => s.id),
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    scoreMin: q.scoreMin,
    scoreMax: q.scoreMax,
    segment: q.segment ? { attribute: q.segment.slice(0, colon), value: q.segment.slice(colon + 1) } : undefined,
    customerId: q.customerId,
    includeHandPicked: q.includeHandPicked,
    before,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return {
    items: rows.map(({ position: _position, answeredAt, updatedAt, ...r }) => ({
      ...r,
      answeredAt: answeredAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    })),
    nextCursor: more && last ? encodeCursor({ t: last.position, id: last.id }) : null,
  };
}
