// The outbox as staff read it: messages with their customer, decision and who decided.
import { z } from 'zod';
import type { MessageListQuery, OutboxMessage } from '../../../contract/outbox.ts';
import { staffNames } from '../../storage/case-messages.ts';
import type { Db } from '../../storage/database.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import * as store from '../../storage/outbox.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { notFound } from '../core/errors.ts';
import { isUuid } from '../../lib/ids.ts';

export async function presentMessages(db: Db, workspaceId: string, rows: store.OutboxMessageRecord[]): Promise<OutboxMessage[]> {
  const customers = await customerProfiles(
    db,
    workspaceId,
    rows.map((r) => r.customerId),
  );
  const names = await staffNames(
    db,
    workspaceId,
    rows.map((r) => r.decidedBy),
  );
  return rows.map((r) => {
    const c = customers.get(r.customerId);
    const customer = { name: c?.name ?? null, email: c?.email ?? null, externalId: c?.externalId ?? null };
    return {
      id: r.id,
      customerId: r.customerId,
      customer,
      kind: r.kind,
      source: r.source,
      to: r.to,
      subject: r.subject,
      text: r.text,
      status: r.status,
      decision: r.decision,
      ruleId: r.ruleId,
      eventId: r.eventId,
      taskId: r.taskId,
      mailId: r.mailId,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy ? { id: r.decidedBy, name: names.get(r.decidedBy) ?? 'Former staff' } : null,
      decidedNote: r.decidedNote,
    };
  });
}

export async function getMessage(db: Db, workspaceId: string, id: string): Promise<OutboxMessage> {
  const r = isUuid(id) ? await store.findOutboxMessage(db, workspaceId, id) : undefined;
  if (!r) throw notFound('The message');
  return (await presentMessages(db, workspaceId, [r]))[0]!;
}

export async function listMessages(db: Db, workspaceId: string, q: MessageListQuery) {
  const before = q.cursor ? decodeCursor(q.cursor, z.object({ at: z.iso.datetime(), id: z.uuid() })) : undefined;
  const rows = await store.listOutboxMessages(db, workspaceId, {
    status: q.status,
    customerId: q.customerId,
    limit: q.limit + 1,
    before: before && { at: new Date(before.at), id: before.id },
  });
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1) : undefined;
  return {
    items: await presentMessages(db, workspaceId, page),
    nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
