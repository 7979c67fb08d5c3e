// The page where a customer answers a rule review's one question (/q/TOKEN, linked from the
// question mail). Like the other customer pages: server-rendered in the customer's language and
// the company's look, no script, the signed token is the whole authority (no cookie, no CSRF
// token), rate-limited per address and link. GET changes nothing; POST stores the answer (a second
// replaces the first) and redirects back, so a reload does not send it twice. A closed review
// answers 409, an expired question 410, a bad link 404, each as a page that says so.
import type { Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { questionAnswerMaxLength } from '../../contract/learning-review.ts';
import { formatDay, customerWhere } from '../domain/core/customer-text.ts';
import { KeptError } from '../domain/core/errors.ts';
import { answerQuestion, openQuestion, type QuestionView } from '../domain/learning/question-answers.ts';
import { fillText, questionPageTexts } from '../domain/learning/question-texts.ts';
import { brandOf, e, layout, messagePage } from './pages/layout.ts';
import { errorPage, html, limit, readForm, type C } from './public-kit.ts';
import { signalDeps, type AppEnv } from './services.ts';

interface PageState {
  thanks?: boolean;
  error?: string;
  draft?: string;
}

function questionPage(token: string, v: QuestionView, o: PageState): string {
  const t = questionPageTexts[v.locale];
  const where = customerWhere({ locale: v.locale }, v.company);
  const vars = {
    rule: v.rule,
    words: v.words ?? '',
    max: questionAnswerMaxLength.toLocaleString(v.locale),
    until: formatDay(v.expiresAt, where),
    day: v.answeredAt ? formatDay(v.answeredAt, where) : '',
  };
  const f = (s: string) => e(fillText(s, vars));
  const body = `<h1>${f(t.title)}</h1>
${o.thanks ? `<p class="notice" role="status"><strong>${e(t.thanks)}.</strong> ${f(t.thanksMessage)}</p>` : ''}
${v.words ? `<blockquote class="said">${f(t.said)}</blockquote>` : ''}
<form method="post" action="/q/${e(token)}" novalidate>
${o.error ? `<div class="errors" role="alert" id="answer-error"><p>${e(o.error)}</p></div>` : ''}
<div class="field"><label for="answer">${e(v.question)}</label>
<p class="hint" id="answer-hint">${f(t.hint)}${v.answeredAt && !o.thanks ? ` ${f(t.answered)}` : ''}</p>
<textarea id="answer" name="answer" maxlength="${questionAnswerMaxLength}" required aria-describedby="answer-hint${o.error ? ' answer-error' : ''}"${o.error ? ' aria-invalid="true"' : ''}>${e(o.draft ?? v.answer ?? '')}</textarea></div>
<button type="submit">${e(t.send)}</button>
</form>`;
  return layout({ lang: v.locale, title: fillText(t.title, vars), body, brand: brandOf(v.company) }).replace(
    '</style>',
    'blockquote.said{margin:0 0 1.25rem;padding:.5rem .75rem;border-left:3px solid var(--brand);background:#f9fafb}</style>',
  );
}

/** The page a closed review or an expired question shows instead of the form. */
function endedPage(c: C, v: QuestionView): Response {
  const t = questionPageTexts[v.locale];
  const until = formatDay(v.expiresAt, customerWhere({ locale: v.locale }, v.company));
  const closed = v.state === 'closed';
  const status: ContentfulStatusCode = closed ? 409 : 410;
  const message = fillText(closed ? t.closed : t.expired, { rule: v.rule, until });
  return html(
    c,
    status,
    messagePage({ lang: v.locale, title: closed ? t.closedTitle : t.expiredTitle, message, brand: brandOf(v.company) }),
  );
}

async function showQuestionPage(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  try {
    limit(c, token);
    const v = await openQuestion(signalDeps(c.get('services')), token);
    if (v.state !== 'open') return endedPage(c, v);
    return html(c, 200, questionPage(token, v, { thanks: c.req.query('answered') === '1' }));
  } catch (err) {
    return errorPage(c, err);
  }
}

async function postQuestionAnswer(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  const d = signalDeps(c.get('services'));
  try {
    const form = await readForm(c);
    limit(c, token);
    try {
      await answerQuestion(d, token, form.answer ?? '');
      return c.redirect(`/q/${token}?answered=1`, 303);
    } catch (err) {
      if (!(err instanceof KeptError)) throw err;
      const v = await openQuestion(d, token);
      if (err.code === 'conflict' || err.code === 'gone') return endedPage(c, v);
      const reason = (err.details as { reason?: string } | undefined)?.reason;
      if (reason !== 'answer_empty' && reason !== 'answer_too_long') throw err;
      const t = questionPageTexts[v.locale];
      const error = fillText(reason === 'answer_empty' ? t.empty : t.tooLong, { max: questionAnswerMaxLength.toLocaleString(v.locale) });
      return html(c, 400, questionPage(token, v, { error, draft: form.answer }));
    }
  } catch (err) {
    return errorPage(c, err);
  }
}

/** Mounts GET and POST /q/TOKEN, and a broken-link page for anything else under /q/. */
export function mountQuestionPage(app: Hono<AppEnv>, limitBody: MiddlewareHandler): void {
  app.get('/q/:token', showQuestionPage);
  app.post('/q/:token', limitBody, postQuestionAnswer);
  app.all('/q/*', (c) => errorPage(c, new KeptError('not_found', 'This link is not valid', { reason: 'invalid_link' })));
}
