// The playbook's rules: steps are taken in order, each once; a step can be skipped only with a
// reason; a case is recovered once acknowledge, apologise and fix are done or skipped.
import { stepNames, type StepName } from '../../contract/playbook.ts';

/** The first step of the playbook not yet done or skipped; null when all are. */
export function nextStepOf(taken: { step: StepName }[]): StepName | null {
  const have = new Set(taken.map((t) => t.step));
  return stepNames.find((s) => !have.has(s)) ?? null;
}
