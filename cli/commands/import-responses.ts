// kept import responses: loads historical survey answers (from another survey tool) through
// importResponses, the function POST /api/v1/responses uses. Each record is checked against its
// survey's scale before it joins a batch, so one bad line never fails the others. A record
// without an idempotency key gets one derived from its content: a re-run adds nothing.
import { type Survey } from '../../contract/surveys.ts';
import { responseImportSchema, type ResponseImport } from '../../contract/answers.ts';
import { checkAnswer } from '../../server/domain/signals/answers.ts';
import { importResponses } from '../../server/domain/signals/response-import.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { KeptError, type FieldProblem } from '../../server/domain/core/errors.ts';
import { createSettingsCache } from '../../server/domain/signals/signal-settings.ts';
import { findSurvey } from '../../server/storage/surveys.ts';
import { contentKey, importCommand } from '../import-file.ts';

export const importResponsesCommand = importCommand<ResponseImport>({
  name: 'import responses',
  noun: 'answers',
  maxBatch: 1000,
  importer(db, workspaceId) {
    const surveys = new Map<string, Promise<Survey | undefined>>();
    const deps = { db, clock: systemClock, settings: createSettingsCache(db, systemClock), publicUrl: '' };
    return {
      async check(record): Promise<ResponseImport | FieldProblem[]> {
        const parsed = responseImportSchema.safeParse(record);
        if (!parsed.success)
          return parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
        const r = parsed.data;
        if (!surveys.has(r.surveyId)) surveys.set(r.surveyId, findSurvey(db, workspaceId, r.surveyId));
        const survey = await surveys.get(r.surveyId);
        if (!survey) return [{ path: ['surveyId'], message: 'is not a survey of this workspace' }];
        try {
          checkAnswer(survey, r);
        } catch (err) {
          if (err instanceof KeptError) return (err.details as { problems: FieldProblem[] }).problems;
          throw err;
        }
        if (Date.parse(r.answeredAt) > Date.now() + 5 * 60_000) return [{ path: ['answeredAt'], message: 'is in the future' }];
        return { ...r, idempotencyKey: r.idempotencyKey ?? contentKey({ ...r, answeredAt: new Date(r.answeredAt).toISOString() }) };
      },
      async store(batch) {
        const r = await importResponses(deps, workspaceId, batch);
        return { stored: r.stored, duplicates: r.duplicates };
      },
    };
  },
});
