// The customer's own page for their case (/c/TOKEN, linked from every message about it): the
// status in plain words, what the company is doing, the messages, and a form to reply. Like the
// survey pages: server-rendered, no script, the signed token is the whole authority; GET changes
// nothing, POST adds a reply and redirects back (so a reload does not send it twice).
import type { Context } from 'hono';
import { replyFromCustomer } from '../domain/recovery/case-messages.ts';
import { customerCaseView, type CustomerCaseView } from '../domain/recovery/customer-case.ts';
import { restitutionByLink } from '../domain/recovery/restitution-choice.ts';
import { KeptError } from '../domain/core/errors.ts';
import { formatWhen } from '../domain/core/customer-text.ts';
import { brandOf, e, layout } from './pages/layout.ts';
import { restitutionCss, restitutionSection, type SectionState } from './pages/restitution-section.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorPage, html, limit, readForm } from './public-kit.ts';
import { signalDeps, type AppEnv } from './services.ts';

type C = Context<AppEnv>;

const stateText: Record<CustomerCaseView['state'], string> = {
  working: 'We are working on it. A person from our team is handling your case.',
  recovered: 'We have fixed the problem. If anything is still not right, tell us below.',
  closed: 'This case is closed. If something is still not right, write to us below and we will pick it up again.',
};

type PageState = { sent?: boolean; error?: string; draft?: string; restitution?: SectionState };

/** The case page's HTML (also what staff see in the customer's-eye view). */
export function casePage(token: string, v: CustomerCaseView, o: PageState, restitution = ''): string {
  const when = (d: Date) => formatWhen(d, v.where);
  const progress = v.progress.map((p) => `<li><time>${e(when(p.at))}</time><br>${e(p.text)}</li>`).join('\n');
  const messages = v.messages.length
    ? v.messages
        .map(
          (m) =>
            `<li class="msg ${m.from}"><p class="hint">${e(m.from === 'company' ? (m.by ? `${m.by}, ${v.company}` : v.company) : 'You')} · ${e(when(m.at))}</p>` +
            `<p>${e(m.body).replace(/\n/g, '<br>')}</p></li>`,
        )
        .join('\n')
    : '<li><p class="hint">No messages yet.</p></li>';
  const body = `<h1>Your case #${v.number}</h1>
<p><strong>${e(v.title.charAt(0).toUpperCase() + v.title.slice(1))}</strong></p>
${o.sent ? '<p class="notice" role="status">Thank you: your message reached the person handling your case.</p>' : ''}
<p>${e(stateText[v.state])}</p>
${restitution}
<h2>What we are doing</h2>
<ol class="progress">${progress}</ol>
<h2>Messages</h2>
<ol class="thread">${messages}</ol>
<form method="post" action="/c/${e(token)}" novalidate>
${o.error ? `<div class="errors" role="alert" id="reply-error"><p>${e(o.error)}</p></div>` : ''}
<div class="field"><label for="body">Write to us</label>
<textarea id="body" name="body" maxlength="5000" required${o.error ? ' aria-invalid="true" aria-describedby="reply-error"' : ''}>${e(o.draft ?? '')}</textarea></div>
<button type="submit">Send</button>
</form>`;
  return layout({ lang: 'en', title: `Your case #${v.number}`, body, brand: brandOf(v.brand) }).replace(
    '</style>',
    `h2{font-size:1.0625rem;margin:1.5rem 0 .5rem}ol.progress,ol.thread{list-style:none;padding:0;margin:0 0 1rem}
ol.progress li{padding:.5rem 0 .5rem .75rem;border-left:3px solid var(--brand);margin:0 0 .25rem}
ol.thread li{padding:.5rem .75rem;border-radius:.375rem;margin:0 0 .5rem;background:#f9fafb;border:1px solid #e5e7eb}
ol.thread li.customer{background:#eff6ff}time{color:#4b5563;font-size:.875rem}.msg p{margin:0}.msg p.hint{font-size:.875rem;margin:0 0 .25rem}
${restitutionCss}</style>`,
  );
}

/** The case page with its restitution section, in the state given. */
export async function renderCasePage(c: C, token: string, o: PageState, status: ContentfulStatusCode = 200): Promise<Response> {
  const d = signalDeps(c.get('services'));
  const v = await customerCaseView(d, token);
  const section = restitutionSection(token, await restitutionByLink(d, token), o.restitution);
  return html(c, status, casePage(token, v, o, section));
}

export async function showCasePage(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  try {
    limit(c, token);
    return await renderCasePage(c, token, {
      sent: c.req.query('sent') === '1',
      restitution: { answered: c.req.query('answered') === '1' },
    });
  } catch (err) {
    return errorPage(c, err, 'en');
  }
}

export async function postCaseReply(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  const d = signalDeps(c.get('services'));
  const form = await readForm(c);
  try {
    limit(c, token);
    await replyFromCustomer(d, token, form.body ?? '');
    return c.redirect(`/c/${token}?sent=1`, 303);
  } catch (err) {
    if (err instanceof KeptError && err.code === 'invalid_input') {
      try {
        const message = (form.body ?? '').trim() ? 'Your message is too long: at most 5,000 characters.' : 'Write a message first.';
        return await renderCasePage(c, token, { error: message, draft: form.body }, 400);
      } catch (again) {
        return errorPage(c, again, 'en');
      }
    }
    return errorPage(c, err, 'en');
  }
}
