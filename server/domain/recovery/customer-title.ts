// What the customer reads about their case. Staff write an internal summary for each other
// ("NPS 2 of 10 on 'After a recovery': late again"); the customer reads a title written for them:
// the one staff gave, the complaint's own subject, or a neutral one by the case's origin. Staff see
// both; every template's {caseTitle} is this one.
import type { CaseOrigin } from '../../../contract/cases.ts';
import { trimAtWord } from '../core/customer-text.ts';

/** The longest case title, internal or the customer's, shortened at a word. */
export const caseTitleMax = 120;

// Partial: an origin added later reads the general one until it has its own.
const neutral: Partial<Record<CaseOrigin, string>> = {
  survey: 'your recent experience with us',
  complaint: 'the problem you told us about',
  proactive: 'a problem on our side that affected you',
  commitment: 'a promise we did not keep',
  contradiction: 'a message we should not have sent',
};

const general = 'a problem we want to put right';

/** The title a customer reads for a case. */
export function customerTitleOf(c: { customerTitle: string | null; origin: CaseOrigin }): string {
  return c.customerTitle?.trim() ? trimAtWord(c.customerTitle, caseTitleMax) : (neutral[c.origin] ?? general);
}
