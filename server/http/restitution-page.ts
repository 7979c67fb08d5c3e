// The customer answers a restitution offer on their case page: POST /c/TOKEN/restitution with the
// offer and either the option picked or what else would make it right. Like the rest of the page:
// no script, the signed token is the whole authority (no cookie, so no CSRF token), rate-limited
// per address and link; a good answer redirects back (a reload does not send it twice), a refused
// one (answered already, withdrawn, case closed) gets a page that says why.
import { KeptError } from '../domain/core/errors.ts';
import { answerRestitutionOffer, type RefusalReason } from '../domain/recovery/restitution-choice.ts';
import { customerCaseView } from '../domain/recovery/customer-case.ts';
import { messagePage } from './pages/layout.ts';
import { refusalText } from './pages/restitution-section.ts';
import { errorPage, html, limit, readForm, type C } from './public-kit.ts';
import { renderCasePage } from './case-page.ts';
import { signalDeps } from './services.ts';

export async function postRestitutionAnswer(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  const d = signalDeps(c.get('services'));
  let form: Record<string, string> = {};
  try {
    form = await readForm(c);
    const offer = form.offer ?? '';
    limit(c, token);
    if (form.option !== undefined) {
      const n = Number(form.option);
      if (!Number.isInteger(n) || n < 1)
        throw new KeptError('invalid_input', 'No such option', { problems: [{ path: ['option'], message: 'no such option' }] });
      await answerRestitutionOffer(d, token, offer, { option: n - 1 });
    } else {
      await answerRestitutionOffer(d, token, offer, { somethingElse: form.somethingElse ?? '' });
    }
    return c.redirect(`/c/${token}?answered=1#make-it-right`, 303);
  } catch (err) {
    try {
      if (err instanceof KeptError && err.code === 'conflict') {
        const details = (err.details ?? {}) as { reason?: RefusalReason; chose?: string; somethingElse?: string; answeredAt?: string };
        const t = refusalText(details.reason ?? 'answered', details);
        const v = await customerCaseView(d, token);
        const back = `<p><a href="/c/${encodeURIComponent(token)}">Back to your case #${v.number}</a></p>`;
        return html(c, 409, messagePage({ lang: 'en', title: t.title, message: t.message, extra: back, brand: { name: v.company } }));
      }
      if (err instanceof KeptError && err.code === 'invalid_input' && form.option === undefined) {
        const text = (form.somethingElse ?? '').trim();
        const error = text ? 'Your answer is too long: at most 2,000 characters.' : 'Write what would make it right first.';
        return await renderCasePage(c, token, { restitution: { error, draft: form.somethingElse } }, 400);
      }
    } catch (again) {
      return errorPage(c, again, 'en');
    }
    return errorPage(c, err, 'en');
  }
}
