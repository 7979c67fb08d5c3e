// Causes: a root cause groups cases and, through its selector over timeline events, finds every
// customer it touched, including those who have not complained.
import { z } from 'zod';
import {
  causeSelectorSchema,
  occurredAtField,
  selectorPathSchema,
  type AffectedCustomer,
  type AffectedQuery,
  type Cause,
  type CauseInput,
  type CauseListQuery,
  type CauseSelector,
} from '../../../contract/causes.ts';
import * as store from '../../storage/causes.ts';
import type { Db } from '../../storage/database.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { KeptError, notFound, type FieldProblem } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/**
 * What the schema cannot say about a selector: whether each operator got the value it needs.
 * Paths are relative to the selector (prefix them with 'selector' for a cause input).
 */
export function selectorProblems(s: CauseSelector): FieldProblem[] {
  const problems: FieldProblem[] = [];
  s.where.forEach((c, i) => {
    const at = (field: 'op' | 'value', message: string) => problems.push({ path: ['where', i, field], message });
    const v = c.value;
    const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    switch (c.op) {
      case 'exists':
        if (v !== undefined) at('value', 'exists takes no value');
        break;
      case 'eq':
      case 'ne':
      case 'contains':
        if (!scalar) at('value', `${c.op} needs a string, number or boolean value`);
        else if (c.op === 'contains' && v === '') at('value', 'contains needs a non-empty string');
        break;
      case 'in':
        if (!Array.isArray(v) || v.length === 0) at('value', 'in needs a non-empty array of values');
        break;
      case 'gte':
      case 'lte':
        if (!(typeof v === 'number' && Number.isFinite(v)) && !(typeof v === 'string' && isoDate.safeParse(v).success)) {
          at('value', `${c.op} needs a number or an ISO date (2026-01-10) or date-time (2026-01-10T12:00:00Z)`);
        }
        break;
      case 'lte_field':
      case 'gte_field':
        if (typeof v !== 'string' || (v !== occurredAtField && !selectorPathSchema.safeParse(v).success)) {
          at('value', `${c.op} needs the path of another field of the event (e.g. promisedBy) or ${occurredAtField}`);
        }
        break;
    }
  });
  if (s.from && s.to && Date.parse(s.from) >= Date.parse(s.to)) problems.push({ path: ['to'], message: 'must be after from' });
  return problems;
}

/** Parses and checks a selector; throws invalid_input naming each bad field under `prefix`. */
export function parseSelector(raw: unknown, prefix: (string | number)[] = ['selector']): CauseSelector {
  const r = causeSelectorSchema.safeParse(raw);
  if (!r.success) {
    throw new KeptError('invalid_input', 'The cause selector is not valid', {
      problems: r.error.issues.map((i) => ({
        path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
      })),
    });
  }
  const problems = selectorProblems(r.data);
  if (problems.length) {
    throw new KeptError('invalid_input', 'The cause selector is not valid', {
      problems: problems.map((p) => ({ ...p, path: [...prefix, ...p.path] })),
    });
  }
  return r.data;
}

const toCause = (r: store.CauseRecord, counts?: { affectedCustomers: number; notLinked: number }): Cause => ({
  id: r.id,
  title: r.title,
  description: r.description,
  selector: r.selector,
  createdAt: r.createdAt.toISOString(),
  ...counts,
});

export async function createCause(db: Db, clock: Clock, workspaceId: string, createdBy: string | null, input: CauseInput): Promise<Cause> {
  const selector = parseSelector(input.selector);
  const id = uuidv7();
  await store.insertCause(db, {
    workspaceId,
    id,
    title: input.title,
    description: input.description || null,
    selector,
    createdBy,
    createdAt: clock.now(),
  });
  return getCause(db, workspaceId, id);
}

async function findCause(db: Db, workspaceId: string, id: string): Promise<store.CauseRecord> {
  const r = isUuid(id) ? await store.findCause(db, workspaceId, id) : undefined;
  if (!r) throw notFound('Cause');
  return r;
}

/** One cause with the number of customers it touched. */
export async function getCause(db: Db, workspaceId: string, id: string): Promise<Cause> {
  const r = await findCause(db, workspaceId, id);
  return toCause(r, {
    affectedCustomers: await store.countAffected(db, workspaceId, r.selector),
    notLinked: await store.countNotLinked(db, workspaceId, r.id, r.selector),
  });
}

/** Causes, newest first. */
export async function listCauses(db: Db, workspaceId: string, q: CauseListQuery): Promise<Page<Cause>> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, z.object({ id: z.uuid() })).id : undefined;
  const rows = await store.listCauses(db, workspaceId, { limit: q.limit + 1, beforeId });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return { items: rows.map((r) => toCause(r)), nextCursor: more ? encodeCursor({ id: rows.at(-1)!.id }) : null };
}

const affectedCursor = z.object({ t: z.iso.datetime(), id: z.uuid() });

/**
 * Every customer with at least one event matching the cause's selector, ordered by their first
 * matching event: counts, first and last matching event, and their newest case.
 */
export async function affectedCustomers(
  db: Db,
  workspaceId: string,
  causeId: string,
  page: AffectedQuery,
): Promise<Page<AffectedCustomer>> {
  const cause = await findCause(db, workspaceId, causeId);
  const after = page.cursor ? decodeCursor(page.cursor, affectedCursor) : undefined;
  const rows = await store.affectedCustomers(db, workspaceId, cause.selector, {
    limit: page.limit + 1,
    after: after && { firstAt: new Date(after.t), customerId: after.id },
  });
  const more = rows.length > page.limit;
  if (more) rows.pop();
  const items = rows.map((r): AffectedCustomer => ({
    customerId: r.customerId,
    name: r.name,
    email: r.email,
    externalId: r.externalId,
    firstEventAt: r.firstAt.toISOString(),
    lastEventAt: r.lastAt.toISOString(),
    events: r.events,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    caseStatus: r.caseStatus,
    caseLinked: r.caseId !== null && r.caseCauseId === cause.id,
  }));
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor({ t: last.firstEventAt, id: last.customerId }) : null };
}
