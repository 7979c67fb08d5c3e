// Whether a customer's words could name someone on the staff, so that only such answers queue a
// praise check (issue 15). Praise needs a name (praise.ts findPraise: a full name, or a first name,
// as words of the text) or a picked person (a field's value equal to a name or an address); an
// answer whose words hold no staff member's first name can praise nobody. Before this, every
// answer with words and a score that is not negative queued a recognize_praise job: two thirds of
// the recovery worker's jobs under a survey load found nobody, and the cases of the detractors
// among them waited behind them.
//
// The names come with the group's one read (storage/answer-context.ts), so nothing is remembered
// between groups: a person added a moment ago is found in the next answer.
import { fold, words } from './praise.ts';

export interface StaffNames {
  /** The first word of each active staff member's name, folded (accents, case). */
  firsts: ReadonlySet<string>;
  /** Each one's address, lower case: a field may pick a person by it. */
  addresses: ReadonlySet<string>;
}

export function staffNamesOf(staff: readonly { name: string; email: string }[]): StaffNames {
  const firsts = new Set<string>();
  const addresses = new Set<string>();
  for (const s of staff) {
    const first = words(fold(s.name))[0];
    if (first) firsts.add(first);
    addresses.add(s.email.toLowerCase());
  }
  return { firsts, addresses };
}

/** False when none of the texts could name anyone in `names` (so no praise check is needed). */
export function mayName(names: StaffNames, reason: string | null, answers: Record<string, string>): boolean {
  const texts = [reason ?? '', ...Object.values(answers)];
  if (Object.values(answers).some((v) => names.addresses.has(fold(v).trim()))) return true;
  return texts.some((t) => words(fold(t)).some((w) => names.firsts.has(w)));
}
