// "Be the customer" (seed 002): everything one customer received and saw, in order. The mails are
// the stored ones, byte for byte as they were sent; the pages (the answer page, its thank-you, the
// case page) are data here and rendered by the public pages' own renderers (http/customer-eye.ts).
import type { CustomerEyeItem, CustomerEyePage, CustomerEyeQuery } from '../../../contract/customer-eye.ts';
import type { Survey } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/customer-eye.ts';
import { findSurveys } from '../../storage/surveys.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { getCustomer } from '../core/customers.ts';

/** The newest rows read per source; older ones are left out (a customer with more is far past a person's reading). */
export const customerEyeCap = 2000;

const kindWords: Record<string, string> = {
  survey_invitation: 'Surveys',
  survey_reminder: 'Surveys',
  survey_follow_up: 'Customer care, following up their case',
  case_message: 'Customer care, about their case',
};

const mailNote = (status: string) =>
  status === 'preview'
    ? 'Kept in the mail preview: no SMTP server was set, so this is what would have reached them.'
    : status === 'unknown'
      ? 'Kept stopped while handing it to the mail server: it may or may not have reached them.'
      : 'Sent: the mail server accepted it.';

/** One thing the customer received or saw, with what rendering it needs. */
export type CustomerEyeEntry = CustomerEyeItem &
  (
    | { render: { type: 'mail'; html: string } }
    | { render: { type: 'survey_page' | 'thank_you_page'; survey: Survey; answer: store.SeenAnswer } }
    | { render: { type: 'case_page'; caseId: string } }
  );

/** Everything, oldest first. */
async function entries(db: Db, workspaceId: string, customerId: string): Promise<CustomerEyeEntry[]> {
  await getCustomer(db, workspaceId, customerId);
  const [mails, answers, visits] = await Promise.all([
    store.receivedMails(db, workspaceId, customerId, customerEyeCap),
    store.seenAnswers(db, workspaceId, customerId, customerEyeCap),
    store.casePageVisits(db, workspaceId, customerId, customerEyeCap),
  ]);
  const surveys = await findSurveys(db, workspaceId, [...new Set(answers.map((a) => a.surveyId))]);
  const view = (id: string) => `/api/v1/customers/${customerId}/as-customer/${id}`;
  const out: CustomerEyeEntry[] = [];
  for (const m of mails) {
    const id = `mail:${m.id}`;
    out.push({
      id,
      type: 'mail',
      at: m.at.toISOString(),
      title: m.subject,
      from: m.source && m.source !== 'kept' ? m.source : (kindWords[m.kind] ?? m.kind.replaceAll('_', ' ')),
      note: mailNote(m.status),
      view: view(id),
      render: { type: 'mail', html: m.html },
    });
  }
  for (const a of answers) {
    const survey = surveys.get(a.surveyId);
    if (!survey) continue;
    const from = `Survey: ${survey.name}`;
    if (a.clickedAt) {
      // Counted from a score link: they saw the answer page with that score, and closed it.
      const id = `survey_page:${a.responseId}`;
      const note = `They clicked ${a.score} in the mail; the page noted it. They sent nothing more.`;
      out.push({
        id,
        type: 'survey_page',
        at: a.clickedAt.toISOString(),
        title: 'The survey page',
        from,
        note,
        view: view(id),
        render: { type: 'survey_page', survey, answer: a },
      });
      continue;
    }
    const page = `survey_page:${a.responseId}`;
    const thanks = `thank_you_page:${a.responseId}`;
    const at = a.answeredAt.toISOString();
    const note = `Their answer: ${a.score}${a.reason ? `, “${a.reason.length > 80 ? `${a.reason.slice(0, 79)}…` : a.reason}”` : ''}.`;
    out.push({
      id: page,
      type: 'survey_page',
      at,
      title: 'The survey page, as they sent it',
      from,
      note,
      view: view(page),
      render: { type: 'survey_page', survey, answer: a },
    });
    out.push({
      id: thanks,
      type: 'thank_you_page',
      at,
      title: 'The thank-you page',
      from,
      note: 'After they sent their answer.',
      view: view(thanks),
      render: { type: 'thank_you_page', survey, answer: a },
    });
  }
  for (const v of visits) {
    const id = `case_page:${v.messageId}`;
    out.push({
      id,
      type: 'case_page',
      at: v.at.toISOString(),
      title: `Their case page, case #${v.number}`,
      from: 'Customer care, their case page',
      note: 'They wrote to us from this page. It is shown as it reads now; the page changes as the case moves on.',
      view: view(id),
      render: { type: 'case_page', caseId: v.caseId },
    });
  }
  // In order; at the same moment, a page before the page that follows it (the form, then the thank-you).
  const rank = { mail: 0, survey_page: 1, thank_you_page: 2, case_page: 3 } as const;
  return out.sort((x, y) => x.at.localeCompare(y.at) || rank[x.type] - rank[y.type] || x.id.localeCompare(y.id));
}

const cursorOf = (e: CustomerEyeItem) => Buffer.from(JSON.stringify([e.at, e.id])).toString('base64url');

function after(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // answered below
  }
  throw invalidInput('The cursor is not valid', [{ path: ['cursor'], message: 'is not a cursor this list gave' }]);
}

/** A page of the customer's-eye view, oldest first. */
export async function customerEye(db: Db, workspaceId: string, customerId: string, q: CustomerEyeQuery): Promise<CustomerEyePage> {
  let all = await entries(db, workspaceId, customerId);
  if (q.cursor) {
    const c = after(q.cursor);
    const i = all.findIndex((e) => e.at === c.at && e.id === c.id);
    all = i >= 0 ? all.slice(i + 1) : all.filter((e) => e.at > c.at);
  }
  const page = all.slice(0, q.limit);
  return {
    items: page.map(({ render: _render, ...item }) => item),
    nextCursor: all.length > q.limit ? cursorOf(page[page.length - 1]!) : null,
  };
}

/** One entry, to render; not_found when the customer has no such item. */
export async function customerEyeEntry(db: Db, workspaceId: string, customerId: string, itemId: string): Promise<CustomerEyeEntry> {
  const found = (await entries(db, workspaceId, customerId)).find((e) => e.id === itemId);
  if (!found) throw notFound('The item of the customer’s view');
  return found;
}
