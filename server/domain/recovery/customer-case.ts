// What a customer sees of their own case: its status in plain words, what the company is doing
// about it (the steps taken, in words for the customer, never the team's notes or root causes),
// and the messages both ways. Reached only through the case's signed link.
import { stepsOf } from '../../storage/case-steps.ts';
import { messagesOf, staffNames } from '../../storage/case-messages.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { companyVoice, type CompanyVoice } from '../core/company-profile.ts';
import { customerWhere, type CustomerWhere } from '../core/customer-text.ts';
import { caseFromLink, type PlaybookDeps } from './case-messages.ts';
import { customerTitleOf } from './customer-title.ts';

export interface CustomerCaseView {
  company: string;
  /** The company's profile, for the page's frame (logo, colour, powered-by). */
  brand: CompanyVoice;
  /** The customer's language and time zone (else the company's), for dates. */
  where: CustomerWhere;
  number: number;
  title: string;
  state: 'working' | 'recovered' | 'closed';
  /** What the company did, oldest first, in words for the customer. */
  progress: { at: Date; text: string }[];
  messages: { from: 'company' | 'customer'; by: string | null; body: string; at: Date }[];
}

export async function customerCaseView(d: PlaybookDeps, token: string): Promise<CustomerCaseView> {
  const c = await caseFromLink(d, token);
  const steps = (await stepsOf(d.db, c.workspaceId, [c.id])).get(c.id) ?? [];
  const messages = await messagesOf(d.db, c.workspaceId, c.id);
  const names = await staffNames(d.db, c.workspaceId, [...steps.map((s) => s.byUser), ...messages.map((m) => m.byUser)]);
  const firstName = (id: string | null) => (id ? (names.get(id)?.split(/[\s@]/)[0] ?? null) : null);
  const progress: CustomerCaseView['progress'] = [{ at: c.openedAt, text: 'We opened a case for you.' }];
  for (const s of steps) {
    if (s.status !== 'done') continue;
    const data = s.data as Record<string, string | null>;
    const who = firstName(s.byUser);
    const text = {
      acknowledge: who ? `${who} from our team took responsibility for your case.` : 'Our team took responsibility for your case.',
      apologise: 'We apologised: it was our mistake.',
      investigate: 'We found out what went wrong.',
      fix: 'We fixed the problem.',
      ask: data.answer ? `You told us what would make it right: “${data.answer}”.` : 'We asked what would make it right.',
      restitution: data.what ? `To make it right: ${data.what}.` : 'We are making it right.',
      follow_up: 'We will check with you that everything is right now.',
    }[s.step];
    progress.push({ at: s.at, text });
  }
  if (c.closedAt) progress.push({ at: c.closedAt, text: 'We closed your case.' });
  const brand = await companyVoice(d.db, c.workspaceId);
  const customer = (await customerProfiles(d.db, c.workspaceId, [c.customerId])).get(c.customerId);
  return {
    company: brand.companyName,
    brand,
    where: customerWhere(customer, brand),
    number: c.number,
    title: customerTitleOf(c),
    state: c.status === 'closed' ? 'closed' : c.recoveredAt ? 'recovered' : 'working',
    progress,
    messages: messages.map((m) => ({
      from: m.direction === 'to_customer' ? 'company' : 'customer',
      by: firstName(m.byUser),
      body: m.body,
      at: m.at,
    })),
  };
}
