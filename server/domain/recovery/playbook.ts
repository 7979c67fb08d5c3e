// The playbook's rules, pure: steps are taken in order, each once; a step can be skipped only
// with a reason; a case is recovered once acknowledge, apologise and fix are done or skipped;
// it closes once the workspace's required steps are; and an apology owns the mistake.
import { recoverySteps, stepNames, type StepName } from '../../../contract/playbook.ts';
import { KeptError, invalidInput, type FieldProblem } from '../core/errors.ts';
import { tidyPunctuation } from '../core/customer-text.ts';

type Taken = { step: StepName }[];

/** The first step of the playbook not yet done or skipped; null when all are. */
export function nextStepOf(taken: Taken): StepName | null {
  const have = new Set(taken.map((t) => t.step));
  return stepNames.find((s) => !have.has(s)) ?? null;
}

/** Throws `conflict` when the step was taken already or an earlier one is neither done nor skipped. */
export function checkOrder(step: StepName, taken: Taken): void {
  const have = new Set(taken.map((t) => t.step));
  if (have.has(step)) {
    throw new KeptError('conflict', `The step “${step}” was taken already`, { step, reason: 'already_taken' });
  }
  const missing = stepNames.slice(0, stepNames.indexOf(step)).filter((s) => !have.has(s));
  if (missing.length) {
    throw new KeptError(
      'conflict',
      `The step “${step}” comes after ${missing.map((m) => `“${m}”`).join(', ')}: do or skip ${missing.length > 1 ? 'those' : 'that'} first`,
      { step, reason: 'out_of_order', missing },
    );
  }
}

/** True once every recovery step (acknowledge, apologise, fix) is done or skipped. */
export const isRecovered = (taken: Taken) => recoverySteps.every((s) => taken.some((t) => t.step === s));

/** The required steps a case still needs before it can close. */
export function missingRequired(required: readonly string[], taken: Taken): StepName[] {
  const have = new Set<string>(taken.map((t) => t.step));
  return stepNames.filter((s) => required.includes(s) && !have.has(s));
}

/**
 * Phrases that apologise for the customer's feelings or for "any inconvenience" instead of for
 * what the company did: seed 001's recovery starts with owning the mistake.
 */
const nonApologies: { re: RegExp; says: string }[] = [
  { re: /\bany inconvenience\b/i, says: '“any inconvenience”' },
  { re: /\binconvenience (this|that) (may|might) have caused\b/i, says: '“inconvenience this may have caused”' },
  { re: /\bsorry (that )?you feel\b/i, says: '“sorry you feel”' },
  { re: /\bsorry if\b/i, says: '“sorry if”' },
  { re: /\bapologi[sz]e if\b/i, says: '“apologise if”' },
  { re: /\bmistakes were made\b/i, says: '“mistakes were made”' },
];

/** What keeps a text from owning the mistake, as field problems at `path`; empty when it does. */
export function apologyProblems(text: string, path: (string | number)[]): FieldProblem[] {
  const hit = nonApologies.find((n) => n.re.test(text));
  if (!hit) return [];
  return [
    {
      path,
      message: `an apology owns the mistake: ${hit.says} does not. Say what went wrong, that it was ours, and what we are doing about it`,
    },
  ];
}

export function checkApology(text: string, path: (string | number)[]): void {
  const problems = apologyProblems(text, path);
  if (problems.length) throw invalidInput('The apology does not own the mistake', problems);
}

export interface MessageValues {
  customerName: string | null;
  staffName: string | null;
  caseTitle: string;
  caseNumber: number;
  company: string;
}

/** Fills {customerName}, {staffName}, {caseTitle}, {caseNumber} and {company}; unknown braces stay as written. */
export function fillMessage(text: string, v: MessageValues): string {
  const values: Record<string, string> = {
    customerName: v.customerName ?? 'there',
    staffName: v.staffName ?? 'our team',
    caseTitle: v.caseTitle,
    caseNumber: String(v.caseNumber),
    company: v.company,
  };
  return tidyPunctuation(text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m));
}
