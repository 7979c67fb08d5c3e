// Complaints, the second way an oops arrives. Every channel (the API, forwarded e-mail, the
// public form) hands in the same intake; one transaction resolves the customer, stores the
// complaint, reports the oops through reportOopsIn (its clock starts when it went wrong, not at
// receipt), links the case and writes `complaint.received` on the customer's timeline.
import { z } from 'zod';
import type { CaseSeverity } from '../../../contract/cases.ts';
import type { Complaint, ComplaintChannel, ComplaintListQuery, ComplaintResult } from '../../../contract/complaints.ts';
import type { CustomerRef } from '../../../contract/events.ts';
import { findCase } from '../../storage/cases.ts';
import * as store from '../../storage/complaints.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import type { Db } from '../../storage/database.ts';
import { findDepartment } from '../../storage/departments.ts';
import { insertEvents } from '../../storage/events.ts';
import { reportOopsIn } from './cases.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { maxFutureMs } from '../core/events.ts';
import { recognizeIn } from '../learning/recognition.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';

export interface ComplaintDeps {
  db: Db;
  clock: Clock;
  /** Where the web app is, for the links in staff mail (praise in the complaint). */
  publicUrl?: string;
}

/** A complaint as a channel hands it in, already checked against its channel's schema. */
export interface ComplaintIntake {
  channel: ComplaintChannel;
  source: string;
  customer: CustomerRef;
  subject?: string | null;
  body: string;
  reference?: string | null;
  /** When it went wrong; now when absent. */
  occurredAt?: Date;
  severity?: CaseSeverity;
  departmentId?: string;
  idempotencyKey?: string | null;
  /** More for the timeline event, e.g. the e-mail's Message-ID or its attachments. */
  details?: Record<string, unknown>;
}

/** How much of the body the timeline event carries (the complaint itself keeps all of it). */
const excerptLength = 280;

const present = (r: store.ComplaintRecord): Complaint => ({
  id: r.id,
  customerId: r.customerId,
  customer: { name: r.customerName, email: r.customerEmail, externalId: r.customerExternalId },
  channel: r.channel,
  source: r.source,
  subject: r.subject,
  body: r.body,
  reference: r.reference,
  occurredAt: r.occurredAt.toISOString(),
  receivedAt: r.receivedAt.toISOString(),
  caseId: r.caseId,
  caseNumber: r.caseNumber,
  idempotencyKey: r.idempotencyKey,
});

/** The oops's summary: the subject, else the body's first line. */
function summaryOf(c: ComplaintIntake): string {
  const text = c.subject?.trim() || c.body.trim().split('\n')[0]!.trim();
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * Stores a complaint and reports its oops, all in one transaction. A repeated (source,
 * idempotency key) stores nothing and answers the original with `duplicate: true`.
 */
export async function receiveComplaint(d: ComplaintDeps, workspaceId: string, c: ComplaintIntake): Promise<ComplaintResult> {
  const now = d.clock.now();
  const occurredAt = c.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + maxFutureMs) {
    throw invalidInput('The complaint was not stored', [{ path: ['occurredAt'], message: 'is more than 5 minutes in the future' }]);
  }
  if (c.departmentId && !(await findDepartment(d.db, workspaceId, c.departmentId))) {
    throw invalidInput('The complaint was not stored', [{ path: ['departmentId'], message: 'no such department in this workspace' }]);
  }
  const id = uuidv7(now.getTime());
  // Made before the case's own events, so the timeline shows the complaint before case.opened.
  const eventId = uuidv7(now.getTime());
  const key = c.idempotencyKey ?? null;
  const stored = await d.db.transaction().execute(async (tx) => {
    const [customerId] = await resolveCustomers(tx, workspaceId, [c.customer], now);
    const fresh = await store.insertComplaint(tx, {
      workspaceId,
      id,
      customerId: customerId!,
      channel: c.channel,
      source: c.source,
      subject: c.subject || null,
      body: c.body,
      reference: c.reference || null,
      occurredAt,
      receivedAt: now,
      idempotencyKey: key,
    });
    if (!fresh) return false;
    const oops = await reportOopsIn(tx, d.clock, workspaceId, {
      kind: 'complaint',
      customerId: customerId!,
      occurredAt,
      summary: summaryOf(c),
      // The customer's own subject is written for them already; otherwise a neutral title (customer-title.ts).
      customerTitle: c.subject?.trim() || null,
      severity: c.severity,
      departmentId: c.departmentId ?? null,
      ref: { complaintId: id },
      dedupeKey: `complaint:${id}`,
    });
    await store.linkComplaintToCase(tx, workspaceId, id, oops.caseId, oops.joined);
    const kase = await findCase(tx, workspaceId, oops.caseId);
    await insertEvents(
      tx,
      workspaceId,
      [
        {
          id: eventId,
          customerId: customerId!,
          type: 'complaint.received',
          source: c.source,
          occurredAt: now,
          idempotencyKey: `complaint:${id}`,
          data: {
            complaintId: id,
            channel: c.channel,
            subject: c.subject || null,
            excerpt: c.body.length > excerptLength ? `${c.body.slice(0, excerptLength - 3)}...` : c.body,
            reference: c.reference || null,
            occurredAt: occurredAt.toISOString(),
            caseId: oops.caseId,
            caseNumber: kase ? kase.number : null,
            joinedCase: oops.joined,
            ...c.details,
          },
        },
      ],
      now,
    );
    // A compliment on the way in: praise naming a person reaches them (learning/recognition.ts).
    await recognizeIn(tx, d, workspaceId, { kind: 'complaint', id, customerId: customerId!, text: c.body, surveyKind: null, score: null });
    return true;
  });
  const row = stored ? await store.findComplaint(d.db, workspaceId, id) : await store.findComplaintByKey(d.db, workspaceId, c.source, key!);
  if (!row) throw new Error('a stored complaint could not be read back');
  return { complaint: present(row), joined: row.joinedCase, duplicate: !stored };
}

export async function getComplaint(db: Db, workspaceId: string, id: string): Promise<Complaint> {
  const r = isUuid(id) ? await store.findComplaint(db, workspaceId, id) : undefined;
  if (!r) throw notFound('The complaint');
  return present(r);
}

/** Complaints newest first, keyset-paged, optionally one customer's. */
export async function listComplaints(db: Db, workspaceId: string, q: ComplaintListQuery) {
  const beforeId = q.cursor ? decodeCursor(q.cursor, z.object({ id: z.uuid() })).id : undefined;
  const rows = await store.listComplaints(db, workspaceId, { customerId: q.customerId, beforeId, limit: q.limit + 1 });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return { items: rows.map(present), nextCursor: more ? encodeCursor({ id: rows.at(-1)!.id }) : null };
}
