// What the customer said when the case opened, in their own words, for the top of the case page:
// a complaint's subject and text (read from the complaint), an answer's comment (the words after
// the score in the oops' summary). Machine-made oopses (a broken promise, a clock, a rule) have none.
import type { CaseDetail } from '../../../../../contract/cases.ts';

type Oops = CaseDetail['oopses'][number];

export type Words =
  | { kind: 'complaint'; oopsId: string; complaintId: string; at: string }
  | { kind: 'answer'; oopsId: string; responseId: string; text: string; at: string };

/** An answer oops' summary reads `NPS 3 of 10 on “Survey”: the comment`; the comment, if any. */
export function answerComment(summary: string): string | null {
  const i = summary.indexOf('”: ');
  const text = i < 0 ? '' : summary.slice(i + 3).trim();
  return text || null;
}

/** The oopses that carry the customer's words, oldest first. */
export function customerWords(oopses: readonly Oops[]): Words[] {
  return [...oopses]
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
    .flatMap((o): Words[] => {
      if (o.kind === 'complaint' && typeof o.ref.complaintId === 'string')
        return [{ kind: 'complaint', oopsId: o.id, complaintId: o.ref.complaintId, at: o.occurredAt }];
      if (o.kind === 'survey' && typeof o.ref.responseId === 'string') {
        const text = answerComment(o.summary);
        return text ? [{ kind: 'answer', oopsId: o.id, responseId: o.ref.responseId, text, at: o.occurredAt }] : [];
      }
      return [];
    });
}
