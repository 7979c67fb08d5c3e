// Set-based SQL for a batch of case clocks falling due together (domain/case-escalation.ts): the
// cases locked with their settings and owners in one statement, the managers of every department
// in the batch read in one, the fired points and the staff mail written with one statement each,
// whatever the batch's size.
import { sql } from 'kysely';
import { uuidv7 } from '../lib/ids.ts';
import type { Selectable } from 'kysely';
import { toCaseRecord, type CaseRecord } from './cases.ts';
import type { ClockEntry } from './case-clocks.ts';
import type { Db } from './database.ts';
import { toRecoverySettingsRecord, type RecoveryDefaults, type RecoverySettingsRecord } from './recovery-settings.ts';
import type { CasesTable } from './schema.ts';

/** A case about to escalate, with what firing its points needs from its workspace and owner. */
export interface EscalatingCase extends CaseRecord {
  /** The workspace's recovery settings (null only if the workspace has none yet). */
  targetHours: number | null;
  businessHours: Record<string, unknown> | null;
  ownerEmail: string | null;
}

type EscalatingRow = Selectable<CasesTable> & {
  target_hours: number | null;
  business_hours: Record<string, unknown> | null;
  owner_email: string | null;
};

/**
 * Locks the cases of these entries that can still escalate (open and not recovered), in key
 * order so that two batches sharing a case cannot deadlock, with their workspace's clock settings
 * and their owner's address (one round trip instead of three). A case closed or recovered
 * meanwhile is re-checked after its lock is granted, and left out.
 */
export async function lockEscalatingCases(tx: Db, entries: ClockEntry[]): Promise<EscalatingCase[]> {
  if (!entries.length) return [];
  const r = await sql<EscalatingRow>`
    SELECT c.*, s.target_hours, s.business_hours, o.email AS owner_email FROM cases c
    JOIN unnest(${entries.map((e) => e.workspaceId)}::uuid[], ${entries.map((e) => e.caseId)}::uuid[]) AS e(workspace_id, id)
      ON c.workspace_id = e.workspace_id AND c.id = e.id
    LEFT JOIN recovery_settings s ON s.workspace_id = c.workspace_id
    LEFT JOIN users o ON o.workspace_id = c.workspace_id AND o.id = c.owner_id
    WHERE c.status = 'open' AND c.recovered_at IS NULL
    ORDER BY c.workspace_id, c.id
    FOR UPDATE OF c`.execute(tx);
  return r.rows.map((x) => ({
    ...toCaseRecord(x),
    targetHours: x.target_hours,
    businessHours: x.business_hours,
    ownerEmail: x.owner_email,
  }));
}

/** Makes the default recovery settings of these workspaces, which have none yet, and reads them. */
export async function makeRecoverySettings(
  db: Db,
  workspaceIds: string[],
  now: Date,
  defaults: RecoveryDefaults,
): Promise<Map<string, RecoverySettingsRecord>> {
  if (!workspaceIds.length) return new Map();
  await sql`INSERT INTO recovery_settings (workspace_id, target_hours, updated_at)
    SELECT id, ${defaults.targetHours}::int, ${now} FROM workspaces WHERE id = ANY(${workspaceIds}::uuid[]) ON CONFLICT (workspace_id) DO NOTHING`.execute(
    db,
  );
  const rows = await db.selectFrom('recovery_settings').selectAll().where('workspace_id', 'in', workspaceIds).execute();
  return new Map(rows.map((r) => [r.workspace_id, toRecoverySettingsRecord(r)]));
}

export interface StaffAddress {
  id: string;
  email: string;
}

/** How managersFor's answer is keyed: `workspaceId/departmentId`, or `workspaceId/` for no department. */
export const staffKey = (workspaceId: string, id: string | null) => `${workspaceId}/${id ?? ''}`;

/**
 * The managers to tell about a case of each (workspace, department), by `workspaceId/departmentId`
 * (`workspaceId/` for no department): like departmentManagers, the enabled managers and admins who
 * are members of the department, or all of the workspace's when the case has none.
 */
export async function managersFor(
  db: Db,
  groups: { workspaceId: string; departmentId: string | null }[],
): Promise<Map<string, StaffAddress[]>> {
  const out = new Map<string, StaffAddress[]>();
  if (!groups.length) return out;
  // Each group once: a group asked twice (the case clock asks for a workspace's managers both for
  // its cases without a department and as the fallback for the others) joined every manager twice,
  // and each got two mails per escalation.
  groups = [...new Map(groups.map((g) => [staffKey(g.workspaceId, g.departmentId), g])).values()];
  const r = await sql<{ workspace_id: string; department_id: string | null; id: string; email: string }>`
    SELECT k.workspace_id, k.department_id, u.id, u.email
    FROM unnest(${groups.map((g) => g.workspaceId)}::uuid[], ${groups.map((g) => g.departmentId)}::uuid[]) AS k(workspace_id, department_id)
    JOIN users u ON u.workspace_id = k.workspace_id AND u.role IN ('manager', 'admin') AND u.disabled_at IS NULL
    WHERE k.department_id IS NULL OR EXISTS (
      SELECT 1 FROM department_members m
      WHERE m.workspace_id = u.workspace_id AND m.user_id = u.id AND m.department_id = k.department_id)
    ORDER BY k.workspace_id, k.department_id, u.id`.execute(db);
  for (const g of groups) out.set(staffKey(g.workspaceId, g.departmentId), []);
  for (const u of r.rows) out.get(staffKey(u.workspace_id, u.department_id))?.push({ id: u.id, email: u.email });
  return out;
}

/** Records the points that fired at `now`, one statement for the batch. */
export async function markPointsFired(
  tx: Db,
  fired: { workspaceId: string; caseId: string; remind: boolean; escalate: boolean; breach: boolean }[],
  now: Date,
): Promise<void> {
  if (!fired.length) return;
  await sql`
    UPDATE cases c SET
      reminded_at = CASE WHEN f.remind THEN ${now}::timestamptz ELSE c.reminded_at END,
      escalated_at = CASE WHEN f.escalate THEN ${now}::timestamptz ELSE c.escalated_at END,
      breached_at = CASE WHEN f.breach THEN ${now}::timestamptz ELSE c.breached_at END
    FROM unnest(${fired.map((f) => f.workspaceId)}::uuid[], ${fired.map((f) => f.caseId)}::uuid[],
                ${fired.map((f) => f.remind)}::bool[], ${fired.map((f) => f.escalate)}::bool[], ${fired.map((f) => f.breach)}::bool[])
      AS f(workspace_id, id, remind, escalate, breach)
    WHERE c.workspace_id = f.workspace_id AND c.id = f.id`.execute(tx);
}

export interface StaffMail {
  workspaceId: string;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * Queues mails to staff in one statement: the same rows as storage/mails.enqueueMail (no
 * customer, no invitation, no headers, due at once), in order, for the mail sender to pick up.
 */
export async function enqueueStaffMails(tx: Db, mails: StaffMail[], now: Date): Promise<void> {
  if (!mails.length) return;
  await sql`
    INSERT INTO mails (workspace_id, id, customer_id, invitation_id, kind, to_address, subject, html, text, headers, status, attempts,
                       next_attempt_at, created_at)
    SELECT m.workspace_id, m.id, NULL, NULL, m.kind, m.to_address, m.subject, m.html, m.text, '{}', 'queued', 0, ${now}, ${now}
    FROM unnest(${mails.map((m) => m.workspaceId)}::uuid[], ${mails.map(() => uuidv7(now.getTime()))}::uuid[], ${mails.map((m) => m.kind)}::text[],
                ${mails.map((m) => m.to)}::text[], ${mails.map((m) => m.subject)}::text[], ${mails.map((m) => m.html)}::text[],
                ${mails.map((m) => m.text)}::text[]) AS m(workspace_id, id, kind, to_address, subject, html, text)`.execute(tx);
}

/** The active admins of each workspace: told when a case's department has no manager to tell. */
export async function adminsFor(db: Db, workspaceIds: string[]): Promise<Map<string, StaffAddress[]>> {
  const out = new Map<string, StaffAddress[]>(workspaceIds.map((w) => [w, []]));
  if (!workspaceIds.length) return out;
  const rows = await db
    .selectFrom('users')
    .select(['workspace_id', 'id', 'email'])
    .where('workspace_id', 'in', workspaceIds)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const u of rows) out.get(u.workspace_id)?.push({ id: u.id, email: u.email });
  return out;
}
