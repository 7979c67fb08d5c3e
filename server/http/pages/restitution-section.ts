// The customer's page for a case, its "what would make it right" part: the options the company
// offers, each a form of its own (no script), and a form to write what else would make it right;
// the customer's earlier answers; and the pages that explain a refused answer.
import type { CustomerRestitution, RefusalReason } from '../../domain/recovery/restitution-choice.ts';
import { somethingElseMaxLength } from '../../domain/recovery/restitution-choice.ts';
import { e } from './layout.ts';

const when = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';

export const restitutionCss = `ul.offers{list-style:none;padding:0;margin:0 0 1rem}
ul.offers li{border:1px solid #6b7280;border-radius:.375rem;padding:.75rem;margin:0 0 .5rem}
ul.offers form p{margin:0 0 .5rem;font-weight:700}`;

export interface SectionState {
  /** Just answered: a thank-you. */
  answered?: boolean;
  /** The "something else" form came back with this problem and draft. */
  error?: string;
  draft?: string;
}

export function restitutionSection(token: string, r: CustomerRestitution, s: SectionState = {}): string {
  const action = `/c/${e(token)}/restitution`;
  const parts: string[] = [];
  if (s.answered) {
    parts.push('<p class="notice" role="status">Thank you: we have your answer, and the person handling your case has been told.</p>');
  }
  if (r.open) {
    const o = r.open;
    const options = o.options
      .map(
        (x, i) => `<li><form method="post" action="${action}">
<input type="hidden" name="offer" value="${e(o.id)}">
<p id="option-${i + 1}">${e(x.what)}</p>
<button type="submit" name="option" value="${i + 1}" aria-describedby="option-${i + 1}">Choose this</button>
</form></li>`,
      )
      .join('\n');
    parts.push(`<h2 id="make-it-right">What would make it right?</h2>
${o.message ? `<p>${e(o.message).replace(/\n/g, '<br>')}</p>` : ''}
<p>${o.options.length > 1 ? 'Choose the one you prefer:' : 'Tell us if this suits you:'}</p>
<ul class="offers" aria-labelledby="make-it-right">
${options}
</ul>
<form method="post" action="${action}" novalidate>
<input type="hidden" name="offer" value="${e(o.id)}">
${s.error ? `<div class="errors" role="alert" id="else-error"><p>${e(s.error)}</p></div>` : ''}
<div class="field"><label for="something-else">Or tell us what else would make it right</label>
<textarea id="something-else" name="somethingElse" maxlength="${somethingElseMaxLength}" required${s.error ? ' aria-invalid="true" aria-describedby="else-error"' : ''}>${e(s.draft ?? '')}</textarea></div>
<button type="submit">Send my answer</button>
</form>`);
  }
  if (r.answered.length) {
    const items = r.answered
      .map(
        (a) =>
          `<li><time>${e(when(a.at))}</time><br>${a.chose ? `You chose: ${e(a.chose)}.` : `You told us: “${e(a.somethingElse ?? '')}”.`}</li>`,
      )
      .join('\n');
    parts.push(`<h2>Your answer${r.answered.length > 1 ? 's' : ''}</h2>\n<ol class="progress">${items}</ol>`);
  }
  return parts.length ? `<section class="restitution">\n${parts.join('\n')}\n</section>` : '';
}

/** Why an answer was refused, in words for the customer, with the way back to the case page. */
export function refusalText(
  reason: RefusalReason,
  d: { chose?: string | null; somethingElse?: string | null; answeredAt?: string; withdrawnAt?: string },
): { title: string; message: string } {
  switch (reason) {
    case 'answered': {
      const at = d.answeredAt ? ` on ${when(new Date(d.answeredAt))}` : '';
      return {
        title: 'You have already answered',
        message: d.chose
          ? `You chose “${d.chose}”${at}, and we are on it. An answer cannot be changed here; if something is still not right, write to us on your case page.`
          : `You told us what would make it right${at}. If something is still not right, write to us on your case page.`,
      };
    }
    case 'withdrawn':
      return {
        title: 'This offer is no longer open',
        message: 'We withdrew this offer. Your case page shows what we can offer you now, and you can write to us there.',
      };
    case 'closed':
      return {
        title: 'This case is closed',
        message:
          'The case is closed, so this offer cannot be chosen any more. If something is still not right, write to us on your case page.',
      };
  }
}
