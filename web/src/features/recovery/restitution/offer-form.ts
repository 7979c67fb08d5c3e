// The restitution offer form's logic, pure: what a person typed (amounts as text, in their way of
// writing decimals) becomes the API's input, checked with the contract's own schema so the form
// and the server name the same problems under the same fields.
import {
  maxRestitutionOptions,
  restitutionOfferInputSchema,
  type RestitutionOffer,
  type RestitutionOfferInput,
} from '../../../../../contract/restitution.ts';

export interface OptionDraft {
  what: string;
  cost: string;
  wow: boolean;
}

export interface OfferDraft {
  currency: string;
  message: string;
  options: OptionDraft[];
}

export const emptyOption = (): OptionDraft => ({ what: '', cost: '', wow: false });
export const canAddOption = (d: OfferDraft) => d.options.length < maxRestitutionOptions;

/** "12,50" and "12.50" are both twelve and a half; anything else that is not a number stays NaN. */
export function parseAmount(text: string): number {
  const t = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The input to send, or the problems by field path (`options.1.cost`), as the server would name them. */
export function offerInput(
  d: OfferDraft,
  approvedBy: string,
): { input: RestitutionOfferInput; problems?: undefined } | { input?: undefined; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  d.options.forEach((o, i) => {
    if (!o.cost.trim()) problems[`options.${i}.cost`] = 'Enter what it costs, e.g. 25 or 12.50 (0 when it costs nothing)';
    else if (Number.isNaN(parseAmount(o.cost))) problems[`options.${i}.cost`] = 'Enter a number, e.g. 25 or 12.50';
  });
  const input = {
    currency: d.currency.trim().toUpperCase(),
    options: d.options.map((o) => ({ what: o.what.trim(), cost: parseAmount(o.cost), wow: o.wow })),
    ...(d.message.trim() ? { message: d.message.trim() } : {}),
    approvedBy,
  };
  const r = restitutionOfferInputSchema.safeParse(input);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = issue.path.join('.');
      if (!problems[key]) problems[key] = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    }
  }
  return Object.keys(problems).length ? { problems } : { input };
}

export const offerStatusText: Record<RestitutionOffer['status'], string> = {
  open: 'Waiting for the customer',
  chosen: 'The customer chose',
  something_else: 'The customer asked for something else',
  withdrawn: 'Withdrawn',
};
