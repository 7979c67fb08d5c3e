// Reading recovery cases: one case, the inbox's list in order of urgency, and how a case is presented.
import { z } from 'zod';
import type { Case, CaseListQuery } from '../../../contract/cases.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/cases.ts';
import { followUpState, stepsOf } from '../../storage/case-steps.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { notFound } from '../core/errors.ts';
import { nextStepOf } from './playbook.ts';
import { customerTitleOf } from './customer-title.ts';
import { pointsFor, recoverySettingsOf } from './recovery-settings.ts';

export async function getCase(db: Db, workspaceId: string, id: string): Promise<Case> {
  if (!z.uuid().safeParse(id).success) throw notFound('The case');
  const kase = await store.findCase(db, workspaceId, id);
  if (!kase) throw notFound('The case');
  return (await presentCases(db, workspaceId, [kase]))[0]!;
}

export async function presentCases(db: Db, workspaceId: string, rows: store.CaseRecord[]): Promise<Case[]> {
  const now = new Date();
  const settings = await recoverySettingsOf(db, workspaceId, now);
  const oopses = await store.oopsesOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  const steps = await stepsOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  const customers = await customerProfiles(
    db,
    workspaceId,
    rows.map((r) => r.customerId),
  );
  // Waiting on the customer: the follow-up went out and every other required step is taken.
  const waiting = new Set<string>();
  for (const r of rows) {
    const taken = steps.get(r.id) ?? [];
    const follow = taken.find((s) => s.step === 'follow_up' && s.status === 'done');
    const invitationId = (follow?.data as { invitationId?: unknown } | undefined)?.invitationId;
    if (r.status !== 'open' || typeof invitationId !== 'string') continue;
    if (!settings.requiredSteps.every((name) => name === 'follow_up' || taken.some((s) => s.step === name))) continue;
    if (!(await followUpState(db, workspaceId, invitationId))?.answeredAt) waiting.add(r.id);
  }
  return rows.map((r) => {
    const p = pointsFor(settings, r.oopsAt);
    const c = customers.get(r.customerId);
    return {
      id: r.id,
      number: r.number,
      customerId: r.customerId,
      customer: { name: c?.name ?? null, email: c?.email ?? null, externalId: c?.externalId ?? null },
      status: r.status,
      state: r.status === 'closed' ? 'closed' : waiting.has(r.id) ? 'waiting_on_customer' : 'open',
      origin: r.origin,
      severity: r.severity,
      title: r.title,
      customerTitle: customerTitleOf(r),
      customerTitleSet: r.customerTitle !== null,
      oopsAt: r.oopsAt.toISOString(),
      remindAt: p.remind.toISOString(),
      escalateAt: p.escalate.toISOString(),
      dueAt: r.dueAt.toISOString(),
      ownerId: r.ownerId,
      departmentId: r.departmentId,
      causeId: r.causeId,
      openedAt: r.openedAt.toISOString(),
      remindedAt: r.remindedAt?.toISOString() ?? null,
      escalatedAt: r.escalatedAt?.toISOString() ?? null,
      breachedAt: r.breachedAt?.toISOString() ?? null,
      recoveredAt: r.recoveredAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      nextStep: nextStepOf(steps.get(r.id) ?? []),
      oopses: (oopses.get(r.id) ?? []).map((x) => ({
        id: x.id,
        kind: x.kind,
        occurredAt: x.occurredAt.toISOString(),
        reportedAt: x.reportedAt.toISOString(),
        summary: x.summary,
        ref: x.ref,
      })),
    };
  });
}

/** The inbox in order of urgency: running clocks by due time (breached first), then stopped ones; closed newest first. Keyset-paged. */
export async function listCases(db: Db, workspaceId: string, userId: string | undefined, q: CaseListQuery) {
  const after = q.cursor
    ? decodeCursor(q.cursor, z.object({ at: z.iso.datetime(), id: z.uuid(), stopped: z.boolean().optional() }))
    : undefined;
  const rows = await store.listCases(db, workspaceId, {
    status: q.status,
    ownerId: q.mine || q.owner === 'mine' ? (userId ?? '00000000-0000-0000-0000-000000000000') : undefined,
    unassigned: q.owner === 'unassigned',
    departmentId: q.departmentId,
    customerId: q.customerId,
    origin: q.origin,
    breached: q.breached,
    limit: q.limit + 1,
    after: after && { at: new Date(after.at), id: after.id, stopped: after.stopped },
  });
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1)! : undefined;
  return {
    items: await presentCases(db, workspaceId, page),
    nextCursor: last
      ? encodeCursor(
          q.status === 'open'
            ? { at: last.dueAt.toISOString(), id: last.id, stopped: last.recoveredAt !== null }
            : { at: last.openedAt.toISOString(), id: last.id },
        )
      : null,
    counts: await store.countOpenCases(db, workspaceId, userId),
  };
}
