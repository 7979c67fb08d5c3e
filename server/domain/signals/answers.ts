// Answers: the rules every answer follows, wherever it comes from (the answer page, the widget
// or an import). An invitation takes one answer; the customer may change it for 24 hours, then
// it is closed. No staff member can change an answer: there is no such function. Every answer
// goes on the customer's timeline (response.created / response.updated) and into the score
// rollups in the same transaction, so the dashboards are current the moment the customer sees
// "thank you". The use cases: answer-page.ts, answer-submission.ts, widget.ts, response-import.ts.
import { scaleOf, type Survey } from '../../../contract/surveys.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { NewEvent } from '../../storage/events.ts';
import type { InvitationRecord } from '../../storage/invitations.ts';
import type { ResponseRecord } from '../../storage/responses.ts';
import { invalidInput, KeptError, type FieldProblem } from '../core/errors.ts';
import type { OopsReport } from '../recovery/cases.ts';
import { parseLink, verifyLink } from './links.ts';
import type { SignalDeps } from './signal-settings.ts';
import { veryLowScore } from './thresholds.ts';

/** The oops a low answer reports (the caller compares the score with the workspace's threshold). */
export function answerOops(
  survey: Survey,
  a: { customerId: string; responseId: string; score: number; reason: string | null; at: Date },
): OopsReport & { dedupeKey: string } {
  return {
    kind: 'survey',
    customerId: a.customerId,
    occurredAt: a.at,
    summary: `${survey.kind.toUpperCase()} ${a.score} of ${scaleOf[survey.kind].max} on “${survey.name}”${a.reason ? `: ${a.reason}` : ''}`,
    severity: a.score <= veryLowScore[survey.kind] ? 'high' : 'normal',
    ref: { responseId: a.responseId, surveyId: survey.id },
    dedupeKey: `response:${a.responseId}`,
    departmentId: survey.departmentId,
  };
}

export const invalidLink = () =>
  new KeptError('not_found', 'This survey link is not valid. Check that it was copied whole.', { reason: 'invalid_link' });

/** The workspace a link names, if the link is shaped right and its signature holds. */
export async function verifiedLink(d: SignalDeps, token: string) {
  const link = parseLink(token);
  if (!link) throw invalidLink();
  let settings;
  try {
    settings = await d.settings.get(link.workspaceId);
  } catch (err) {
    if (err instanceof KeptError && err.code === 'not_found') throw invalidLink();
    throw err;
  }
  if (!verifyLink(settings.linkSecret, 'invitation', link)) throw invalidLink();
  return link;
}

/** Why an invitation cannot take an answer now, or undefined when it can. */
export function refusal(
  inv: InvitationRecord | undefined,
  survey: Survey | undefined,
  r: ResponseRecord | undefined,
  now: Date,
): KeptError | undefined {
  if (!inv || inv.status !== 'sent' || !survey) return invalidLink();
  if (r && r.closesAt && r.closesAt <= now) {
    return new KeptError('conflict', 'This survey is closed: the answer can no longer be changed. Thank you for it.', {
      reason: 'invitation_closed',
    });
  }
  if (!r && inv.expiresAt && inv.expiresAt <= now)
    return new KeptError('gone', 'This survey link has expired.', { reason: 'invitation_expired' });
  if (!r && survey.archivedAt) return new KeptError('gone', 'This survey has ended.', { reason: 'survey_archived' });
  return undefined;
}

/** The answer's rules beyond the wire schema: the survey's scale and its own questions. */
export function checkAnswer(
  survey: Survey,
  a: { score: number; reason?: string; answers?: Record<string, string> },
  path: (string | number)[] = [],
): void {
  const problems: FieldProblem[] = [];
  const { min, max } = scaleOf[survey.kind];
  if (a.score < min || a.score > max) problems.push({ path: [...path, 'score'], message: `must be from ${min} to ${max} for this survey` });
  for (const [id, value] of Object.entries(a.answers ?? {})) {
    const q = survey.questions.find((x) => x.id === id);
    if (!q) problems.push({ path: [...path, 'answers', id], message: 'is not a question of this survey' });
    else if (q.type !== 'open_text' && value !== '' && !q.options.some((o) => o.id === value)) {
      problems.push({ path: [...path, 'answers', id], message: `must be one of: ${q.options.map((o) => o.id).join(', ')}` });
    }
  }
  if (problems.length) throw invalidInput('The answer was not saved', problems);
}

/** The timeline event of a new or changed answer. */
export const responseEvent = (
  type: 'response.created' | 'response.updated',
  o: {
    responseId: string;
    customerId: string;
    survey: Survey;
    score: number;
    reason: string | null;
    answers: Record<string, string>;
    channel: string;
    handPicked: boolean;
    invitationId: string | null;
    at: Date;
    key: string;
  },
): NewEvent => ({
  id: uuidv7(o.at.getTime()),
  customerId: o.customerId,
  type,
  source: 'kept',
  occurredAt: o.at,
  idempotencyKey: o.key,
  data: {
    responseId: o.responseId,
    surveyId: o.survey.id,
    surveyName: o.survey.name,
    kind: o.survey.kind,
    score: o.score,
    scaleMax: scaleOf[o.survey.kind].max,
    reason: o.reason,
    answers: o.answers,
    channel: o.channel,
    handPicked: o.handPicked,
    invitationId: o.invitationId,
  },
});
