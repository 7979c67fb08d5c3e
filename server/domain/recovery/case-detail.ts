// One case as the case page shows it: the case and its clock, the playbook's seven steps with
// who took each and when, the messages with the customer, the assignment history, and the
// customer's own link.
import type { CaseDetail } from '../../../contract/cases.ts';
import { stepNames, stepTitles, type PlaybookStep } from '../../../contract/playbook.ts';
import { staffNames } from '../../storage/case-messages.ts';
import { assignmentsOf } from '../../storage/case-assignments.ts';
import { followUpState, stepsOf, type CaseStep } from '../../storage/case-steps.ts';
import { findCase } from '../../storage/cases.ts';
import { caseUrl, listMessages, type PlaybookDeps } from './case-messages.ts';
import { presentCases } from './case-list.ts';
import { notFound } from '../core/errors.ts';
import { answerUrl, invitationToken } from '../signals/links.ts';
import { isUuid } from '../../lib/ids.ts';
import { recoverySettingsOf } from './recovery-settings.ts';
import { listRestitutionOffers } from './restitution-offers.ts';

const person = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? 'Former staff' } : null);

async function stepData(d: PlaybookDeps, workspaceId: string, r: CaseStep): Promise<Record<string, unknown>> {
  const data = { ...r.data };
  if (r.step === 'follow_up' && typeof data.invitationId === 'string') {
    const f = await followUpState(d.db, workspaceId, data.invitationId);
    // Staff share the link themselves when the follow-up goes by link rather than e-mail.
    data.url = answerUrl(d.publicUrl, invitationToken(await d.settings.get(workspaceId), workspaceId, data.invitationId));
    data.status = f?.status ?? null;
    data.suppressedReason = f?.suppressedReason ?? null;
    data.response = f?.responseId ? { id: f.responseId, score: f.score, answeredAt: f.answeredAt!.toISOString() } : null;
  }
  return data;
}

export async function playbookOf(d: PlaybookDeps, workspaceId: string, rows: CaseStep[], required: string[]): Promise<PlaybookStep[]> {
  const names = await staffNames(d.db, workspaceId, [...rows.map((r) => r.byUser), ...rows.map((r) => r.approvedBy)]);
  const byStep = new Map(rows.map((r) => [r.step, r]));
  return Promise.all(
    stepNames.map(async (step): Promise<PlaybookStep> => {
      const r = byStep.get(step);
      return {
        step,
        title: stepTitles[step],
        status: r?.status ?? 'pending',
        required: required.includes(step),
        at: r?.at.toISOString() ?? null,
        by: person(r?.byUser ?? null, names),
        skipReason: r?.skipReason ?? null,
        cost: r?.costAmount != null ? { amount: Number(r.costAmount), currency: r.costCurrency! } : null,
        approvedBy: person(r?.approvedBy ?? null, names),
        data: r ? await stepData(d, workspaceId, r) : {},
      };
    }),
  );
}

export async function getCaseDetail(d: PlaybookDeps, workspaceId: string, id: string): Promise<CaseDetail> {
  const kase = isUuid(id) ? await findCase(d.db, workspaceId, id) : undefined;
  if (!kase) throw notFound('The case');
  const [c] = await presentCases(d.db, workspaceId, [kase]);
  const settings = await recoverySettingsOf(d.db, workspaceId, d.clock.now());
  const steps = (await stepsOf(d.db, workspaceId, [id])).get(id) ?? [];
  const assignments = await assignmentsOf(d.db, workspaceId, id);
  const names = await staffNames(d.db, workspaceId, [kase.closedBy, ...assignments.map((a) => a.byUser)]);
  return {
    ...c!,
    playbook: await playbookOf(d, workspaceId, steps, settings.requiredSteps),
    messages: await listMessages(d.db, workspaceId, id),
    assignments: assignments.map((a) => ({
      at: a.at.toISOString(),
      ownerId: a.ownerId,
      departmentId: a.departmentId,
      by: person(a.byUser, names),
      how: a.how,
    })),
    closedBy: person(kase.closedBy, names),
    customerUrl: await caseUrl(d, workspaceId, id),
    restitutionOffers: await listRestitutionOffers(d.db, workspaceId, id),
  };
}
