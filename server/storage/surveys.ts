// Surveys and their triggers.
import type { Selectable } from 'kysely';
import type { Survey, SurveyQuestion, Trigger } from '../../contract/surveys.ts';
import type { Db } from './database.ts';
import type { SurveysTable, SurveyTriggersTable } from './schema.ts';

export function toSurvey(r: Selectable<SurveysTable>): Survey {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    departmentId: r.department_id,
    askReason: r.ask_reason,
    questions: r.questions as SurveyQuestion[],
    texts: r.texts,
    defaultLocale: r.default_locale,
    brand: {
      ...(r.brand_name ? { name: r.brand_name } : {}),
      ...(r.brand_colour ? { colour: r.brand_colour } : {}),
      ...(r.logo_url ? { logoUrl: r.logo_url } : {}),
    },
    samplePercent: r.sample_percent,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    archivedAt: r.archived_at?.toISOString() ?? null,
  };
}

function surveyRow(s: Survey) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    department_id: s.departmentId,
    ask_reason: s.askReason,
    questions: JSON.stringify(s.questions),
    texts: JSON.stringify(s.texts),
    default_locale: s.defaultLocale,
    brand_name: s.brand.name ?? null,
    brand_colour: s.brand.colour ?? null,
    logo_url: s.brand.logoUrl ?? null,
    sample_percent: s.samplePercent,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    archived_at: s.archivedAt,
  };
}

export async function insertSurvey(db: Db, workspaceId: string, s: Survey): Promise<void> {
  await db
    .insertInto('surveys')
    .values({ workspace_id: workspaceId, ...surveyRow(s) })
    .execute();
}

export async function updateSurvey(db: Db, workspaceId: string, s: Survey): Promise<void> {
  const { id, kind: _kind, created_at: _created, ...rest } = surveyRow(s);
  await db.updateTable('surveys').set(rest).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function findSurvey(db: Db, workspaceId: string, id: string): Promise<Survey | undefined> {
  const r = await db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r && toSurvey(r);
}

export async function findSurveys(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, Survey>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('surveys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toSurvey(r)]));
}

export async function listSurveys(db: Db, workspaceId: string, archived: boolean): Promise<Survey[]> {
  const rows = await db
    .selectFrom('surveys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', archived ? 'is not' : 'is', null)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(toSurvey);
}

const toTrigger = (r: Selectable<SurveyTriggersTable>): Trigger => ({
  id: r.id,
  surveyId: r.survey_id,
  eventType: r.event_type,
  delayHours: r.delay_hours,
  createdAt: r.created_at.toISOString(),
});

export async function insertTrigger(db: Db, workspaceId: string, t: Trigger): Promise<void> {
  await db
    .insertInto('survey_triggers')
    .values({
      workspace_id: workspaceId,
      id: t.id,
      survey_id: t.surveyId,
      event_type: t.eventType,
      delay_hours: t.delayHours,
      created_at: t.createdAt,
    })
    .execute();
}

export async function listTriggers(db: Db, workspaceId: string, surveyId: string): Promise<Trigger[]> {
  const rows = await db
    .selectFrom('survey_triggers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map(toTrigger);
}

export async function disableTrigger(db: Db, workspaceId: string, surveyId: string, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('survey_triggers')
    .set({ disabled_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** An enabled trigger of an active survey, with the survey's sampling. */
export interface ListeningTrigger {
  id: string;
  surveyId: string;
  eventType: string;
  delayHours: number;
  samplePercent: number;
}

/** The enabled triggers of active surveys that listen for any of these event types. */
export async function triggersFor(db: Db, workspaceId: string, types: string[]): Promise<ListeningTrigger[]> {
  const rows = await db
    .selectFrom('survey_triggers as t')
    .innerJoin('surveys as s', (j) => j.onRef('s.workspace_id', '=', 't.workspace_id').onRef('s.id', '=', 't.survey_id'))
    .select(['t.id', 't.survey_id', 't.event_type', 't.delay_hours', 's.sample_percent'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.event_type', 'in', types)
    .where('t.disabled_at', 'is', null)
    .where('s.archived_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    surveyId: r.survey_id,
    eventType: r.event_type,
    delayHours: r.delay_hours,
    samplePercent: r.sample_percent,
  }));
}

export async function enabledTriggerTypes(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_triggers')
    .select('event_type')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.event_type);
}
