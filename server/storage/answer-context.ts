// What an answer transaction reads, in one statement (issue 15: a round trip per read was most of
// an answer's cost): the invitations locked in id order, each with its survey, customer and
// earlier answer, and the workspace's recovery settings, company profile and name. A named
// statement with one text for any number of invitations, so PostgreSQL plans it once per connection.
//
// The earlier answers are not joined: the lock and the reads share a snapshot taken before the
// lock was granted, and while the locked invitation row is the newest (PostgreSQL re-reads a row
// it waited for), a joined answer would be as of that snapshot, missing or stale when another
// transaction answered the invitation while this one waited. Every answer to an invitation sets
// the invitation's answered_at in its transaction, so only invitations with answered_at have an
// answer, read by a second statement after the lock; a fresh invitation (the common case) needs none.
import { sql, type Selectable } from 'kysely';
import type { Survey } from '../../contract/surveys.ts';
import { toCompanyProfileRecord, type CompanyProfileRecord } from './company-profiles.ts';
import { prepared, type Db } from './database.ts';
import { toInvitationRecord, type CustomerProfile, type InvitationRecord } from './invitations.ts';
import { toRecoverySettingsRecord, type RecoverySettingsRecord } from './recovery-settings.ts';
import { findResponsesByInvitations, type ResponseRecord } from './responses.ts';
import type { CompanyProfilesTable, InvitationsTable, RecoverySettingsTable, SurveysTable } from './schema.ts';
import { toSurvey } from './surveys.ts';

export interface AnswerContext {
  invitations: Map<string, InvitationRecord>;
  surveys: Map<string, Survey>;
  customers: Map<string, CustomerProfile>;
  /** Earlier answers by invitation id, as of after the lock. */
  responses: Map<string, ResponseRecord>;
  /** Undefined when the workspace has none yet (the caller makes them with the defaults). */
  recoverySettings?: RecoverySettingsRecord;
  companyProfile?: CompanyProfileRecord;
  workspace?: { name: string; slug: string };
  /** The workspace's active staff (names and addresses): whether an answer could praise someone. */
  staff: { name: string; email: string }[];
}

type Json = Record<string, unknown>;

/** A row from to_jsonb: its timestamps (every one of these tables names them *_at) as Dates again. */
function revive<T>(o: Json): T {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) out[k] = k.endsWith('_at') && typeof v === 'string' ? new Date(v) : v;
  return out as T;
}

const contextQuery = (workspaceId: string, ids: string[], lock: boolean) =>
  prepared(sql<{
    inv: Json;
    survey: Json | null;
    customer: Json | null;
    recovery: Json | null;
    profile: Json | null;
    workspace: Json | null;
    staff: { name: string; email: string }[] | null;
  }>`
    WITH inv AS MATERIALIZED (
      SELECT * FROM invitations WHERE workspace_id = ${workspaceId}::uuid AND id = ANY(${ids}::uuid[])${sql.raw(lock ? ' ORDER BY id FOR UPDATE' : '')}
    )
    SELECT to_jsonb(i) AS inv, to_jsonb(s) AS survey,
      jsonb_build_object('id', c.id, 'email', c.email, 'name', c.name, 'external_id', c.external_id, 'locale', c.locale,
        'attributes', c.attributes) AS customer,
      (SELECT to_jsonb(x) FROM recovery_settings x WHERE x.workspace_id = ${workspaceId}::uuid) AS recovery,
      (SELECT to_jsonb(x) FROM company_profiles x WHERE x.workspace_id = ${workspaceId}::uuid) AS profile,
      (SELECT jsonb_build_object('name', x.name, 'slug', x.slug) FROM workspaces x WHERE x.id = ${workspaceId}::uuid) AS workspace,
      -- Once, on the first row: the staff, for the praise check's pre-test (domain/learning/staff-names.ts).
      CASE WHEN row_number() OVER () = 1 THEN
        (SELECT coalesce(jsonb_agg(jsonb_build_object('name', u.name, 'email', u.email)), '[]'::jsonb)
         FROM users u WHERE u.workspace_id = ${workspaceId}::uuid AND u.disabled_at IS NULL)
      END AS staff
    FROM inv i
    LEFT JOIN surveys s ON s.workspace_id = i.workspace_id AND s.id = i.survey_id
    LEFT JOIN customers c ON c.workspace_id = i.workspace_id AND c.id = i.customer_id`);

/** Locks the invitations (in id order, so concurrent lockers cannot deadlock) and reads what answering them needs. */
export async function lockAnswerContext(tx: Db, workspaceId: string, invitationIds: string[]): Promise<AnswerContext> {
  const { ctx, answered } = await readContext(tx, workspaceId, invitationIds, true);
  // Answered before: read again now that the lock is held (see above). Rare: a changed answer.
  if (answered.length) ctx.responses = await findResponsesByInvitations(tx, workspaceId, answered);
  return ctx;
}

/**
 * The same reads without a lock, outside any transaction (the group statement of
 * storage/answer-group.ts checks what it relies on as it writes). Earlier answers are not read:
 * an invitation with answered_at goes to the locked path, which reads its answer under the lock.
 */
export async function readAnswerContext(db: Db, workspaceId: string, invitationIds: string[]): Promise<AnswerContext> {
  return (await readContext(db, workspaceId, invitationIds, false)).ctx;
}

async function readContext(db: Db, workspaceId: string, invitationIds: string[], lock: boolean) {
  const ids = [...new Set(invitationIds)];
  const ctx: AnswerContext = { invitations: new Map(), surveys: new Map(), customers: new Map(), responses: new Map(), staff: [] };
  const answered: string[] = [];
  if (!ids.length) return { ctx, answered };
  const { rows } = await contextQuery(workspaceId, ids, lock).execute(db);
  for (const row of rows) {
    const inv = toInvitationRecord(revive<Selectable<InvitationsTable>>(row.inv));
    ctx.invitations.set(inv.id, inv);
    if (row.survey) ctx.surveys.set(inv.surveyId, toSurvey(revive<Selectable<SurveysTable>>(row.survey)));
    if (row.customer) {
      const c = row.customer as {
        id: string;
        email: string | null;
        name: string | null;
        external_id: string | null;
        locale: string | null;
      };
      const attributes = (row.customer.attributes ?? {}) as Record<string, unknown>;
      ctx.customers.set(c.id, { id: c.id, email: c.email, name: c.name, externalId: c.external_id, locale: c.locale, attributes });
    }
    if (inv.answeredAt) answered.push(inv.id);
    ctx.recoverySettings ??= row.recovery ? toRecoverySettingsRecord(revive<Selectable<RecoverySettingsTable>>(row.recovery)) : undefined;
    ctx.companyProfile ??= row.profile ? toCompanyProfileRecord(revive<Selectable<CompanyProfilesTable>>(row.profile)) : undefined;
    ctx.workspace ??= (row.workspace as { name: string; slug: string } | null) ?? undefined;
    if (row.staff) ctx.staff = row.staff;
  }
  return { ctx, answered };
}
