// The pages customers open from a survey mail or link: the answer page (/s/TOKEN) and the
// unsubscribe page (/u/TOKEN). Server-rendered HTML, no script, plain form posts; every error
// is a page in the customer's language with the right status, never JSON or a stack trace.
// The forms need no CSRF token: they carry no cookie and act only on the signed token in the
// URL, which is the whole authority. A GET changes no answer (mail scanners follow links): a score
// link's GET is only recorded as a provisional click (docs/score-links.md);
// POST /u/TOKEN also takes RFC 8058 one-click unsubscribes from mail clients.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scaleOf } from '../../contract/surveys.ts';
import { answerInputSchema, type AnswerInput } from '../../contract/answers.ts';
import { openInvitation, type OpenedInvitation } from '../domain/signals/answer-page.ts';
import { submitAnswer } from '../domain/signals/answer-submission.ts';
import { recordScoreLinkFetch } from '../domain/signals/score-links.ts';
import { isPersonsFetch, mountScoreLinkImage, scoreLinkImage } from './score-link-pages.ts';
import { KeptError } from '../domain/core/errors.ts';
import { chooseBuiltInLocale, chooseLocale, textsFor } from '../domain/signals/survey-texts.ts';
import { format, uiTexts } from '../domain/signals/ui-texts.ts';
import { checkUnsubscribeLink, unsubscribe } from '../domain/signals/unsubscribe.ts';
import { answerFormPage, reasonMaxLength, thankYouPage, type FormErrors, type FormValues } from './pages/answer-form.ts';
import { postCaseReply, showCasePage } from './case-page.ts';
import { postRestitutionAnswer } from './restitution-page.ts';
import { mountQuestionPage } from './question-page.ts';
import { browserLocales, companyBrand, deps, errorPage, html, limit, maxFormBytes, readForm, type C } from './public-kit.ts';
import { e, messagePage } from './pages/layout.ts';
import type { AppEnv } from './services.ts';

const localeFor = (c: C, o: OpenedInvitation, given?: string) =>
  chooseLocale(o.survey, [given, o.invitation.locale, o.customer.locale, ...browserLocales(c)]);

/** What the form said, as the answer input and the values to show again if it is sent back. */
function readAnswer(
  form: Record<string, string>,
  o: OpenedInvitation,
  locale: string,
): { input?: AnswerInput; values: FormValues; errors?: FormErrors } {
  const ui = uiTexts(locale);
  const { min, max } = scaleOf[o.survey.kind];
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith('q_') && k.length > 2) answers[k.slice(2)] = v;
  const rawScore = form.score?.trim() ?? '';
  const score = /^\d{1,2}$/.test(rawScore) ? Number(rawScore) : undefined;
  const values: FormValues = { score, reason: form.reason, answers };
  const chooseScore = format(ui.chooseScore, { min, max });
  if (score === undefined || score < min || score > max) {
    return { values, errors: { messages: [chooseScore], score: chooseScore } };
  }
  const parsed = answerInputSchema.safeParse({
    score,
    reason: form.reason?.trim() ? form.reason : undefined,
    answers,
    locale,
    website: form.website || undefined,
  });
  if (!parsed.success) {
    const messages = new Set<string>();
    for (const i of parsed.error.issues)
      messages.add(i.code === 'too_big' ? format(ui.tooLong, { max: reasonMaxLength }) : ui.checkAnswers);
    return { values, errors: { messages: [...messages] } };
  }
  return { input: parsed.data, values };
}

function formPage(
  c: C,
  status: ContentfulStatusCode,
  o: OpenedInvitation,
  token: string,
  locale: string,
  values: FormValues,
  errors?: FormErrors,
  extra?: { scoreNoted?: boolean; image?: string },
) {
  return html(
    c,
    status,
    answerFormPage({
      survey: o.survey,
      texts: textsFor(o.survey, locale),
      locale,
      token,
      values,
      alreadyAnswered: o.response !== null,
      poweredBy: o.poweredBy,
      errors,
      ...extra,
    }),
  );
}

async function showAnswerPage(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  try {
    limit(c, token);
    const o = await openInvitation(deps(c), token);
    const locale = localeFor(c, o);
    const { min, max } = scaleOf[o.survey.kind];
    const asked = c.req.query('score');
    const fromLink =
      asked !== undefined && /^\d{1,2}$/.test(asked) && Number(asked) >= min && Number(asked) <= max ? Number(asked) : undefined;
    const values: FormValues = {
      score: fromLink ?? o.response?.score,
      reason: o.response?.reason ?? undefined,
      answers: o.response?.answers ?? {},
    };
    // A score link from the mail: the click is recorded, provisionally (docs/score-links.md).
    const fetchId = fromLink !== undefined && isPersonsFetch(c) ? await recordScoreLinkFetch(deps(c), o, fromLink) : undefined;
    return formPage(
      c,
      200,
      o,
      token,
      locale,
      values,
      undefined,
      fetchId ? { scoreNoted: true, image: scoreLinkImage(token, fetchId) } : undefined,
    );
  } catch (err) {
    return errorPage(c, err);
  }
}

async function postAnswer(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  let locale: string | undefined;
  try {
    limit(c, token);
    const form = await readForm(c);
    const d = deps(c);
    const o = await openInvitation(d, token);
    locale = localeFor(c, o, form.locale);
    const read = readAnswer(form, o, locale);
    if (!read.input) return formPage(c, 400, o, token, locale, read.values, read.errors);
    try {
      const r = await submitAnswer(d, token, read.input);
      return html(c, 200, thankYouPage({ survey: o.survey, locale, thankYou: r.thankYou, token, poweredBy: o.poweredBy }));
    } catch (err) {
      if (err instanceof KeptError && err.code === 'invalid_input') {
        const ui = uiTexts(locale);
        const problems = (err.details as { problems?: { path: (string | number)[] }[] } | undefined)?.problems ?? [];
        const { min, max } = scaleOf[o.survey.kind];
        const scoreProblem = problems.some((p) => p.path[0] === 'score');
        const chooseScore = format(ui.chooseScore, { min, max });
        const messages = [
          ...(scoreProblem ? [chooseScore] : []),
          ...(problems.some((p) => p.path[0] !== 'score') || !problems.length ? [ui.checkAnswers] : []),
        ];
        return formPage(c, 400, o, token, locale, read.values, { messages, score: scoreProblem ? chooseScore : undefined });
      }
      throw err;
    }
  } catch (err) {
    return errorPage(c, err, chooseBuiltInLocale([locale, ...browserLocales(c)]));
  }
}

function unsubscribeForm(token: string, label: string) {
  return `<form method="post" action="${e(token)}"><input type="hidden" name="confirm" value="yes"><button type="submit">${e(label)}</button></form>`;
}

async function showUnsubscribePage(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  try {
    limit(c, token);
    const s = c.get('services');
    const link = await checkUnsubscribeLink({ db: s.db, clock: s.clock, settings: s.settings }, token);
    const locale = chooseBuiltInLocale([link.locale, ...browserLocales(c)]);
    const ui = uiTexts(locale);
    const brand = await companyBrand(c, link.workspaceId);
    if (link.unsubscribedAt)
      return html(c, 200, messagePage({ lang: locale, title: ui.unsubscribedTitle, message: ui.unsubscribed, brand }));
    return html(
      c,
      200,
      messagePage({
        lang: locale,
        brand,
        title: ui.unsubscribeTitle,
        message: ui.unsubscribeQuestion,
        extra: unsubscribeForm(token, ui.unsubscribeButton),
      }),
    );
  } catch (err) {
    return errorPage(c, err);
  }
}

async function postUnsubscribe(c: C): Promise<Response> {
  const token = c.req.param('token')!;
  try {
    const s = c.get('services');
    const d = { db: s.db, clock: s.clock, settings: s.settings };
    const form = await readForm(c);
    // Mail providers send one-click requests for many people from a few shared addresses: only the
    // per-link limit applies to them (the link itself is the credential).
    limit(c, token, form['List-Unsubscribe'] !== 'One-Click');
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click"; answer quickly, no page needed.
    if (form['List-Unsubscribe'] === 'One-Click') {
      await unsubscribe(d, token, 'one_click');
      return c.text('Unsubscribed.', 200, { 'Cache-Control': 'no-store' });
    }
    if (form.confirm) {
      const r = await unsubscribe(d, token, 'page');
      const locale = chooseBuiltInLocale([r.locale, ...browserLocales(c)]);
      const ui = uiTexts(locale);
      const brand = await companyBrand(c, (await checkUnsubscribeLink(d, token)).workspaceId);
      return html(c, 200, messagePage({ lang: locale, title: ui.unsubscribedTitle, message: ui.unsubscribed, brand }));
    }
    // Neither the page's button nor a one-click request: ask again rather than guess.
    const link = await checkUnsubscribeLink(d, token);
    const locale = chooseBuiltInLocale([link.locale, ...browserLocales(c)]);
    const ui = uiTexts(locale);
    return html(
      c,
      400,
      messagePage({
        lang: locale,
        brand: await companyBrand(c, link.workspaceId),
        title: ui.unsubscribeTitle,
        message: ui.formNotUnderstood,
        extra: unsubscribeForm(token, ui.unsubscribeButton),
      }),
    );
  } catch (err) {
    return errorPage(c, err);
  }
}

/** Mounts /s/TOKEN, /u/TOKEN, /c/TOKEN and /q/TOKEN on the app; call before any catch-all route. */
export function mountPublicPages(app: Hono<AppEnv>): void {
  const limitBody = bodyLimit({
    maxSize: maxFormBytes,
    onError: (c) => errorPage(c as C, new KeptError('payload_too_large', 'The form is too large')),
  });
  app.get('/s/:token', showAnswerPage);
  mountScoreLinkImage(app);
  app.post('/s/:token', limitBody, postAnswer);
  app.get('/u/:token', showUnsubscribePage);
  app.post('/u/:token', limitBody, postUnsubscribe);
  app.get('/c/:token', showCasePage);
  app.post('/c/:token', limitBody, postCaseReply);
  app.post('/c/:token/restitution', limitBody, postRestitutionAnswer);
  mountQuestionPage(app, limitBody);
  // Anything else under /s/, /u/ and /c/ is a broken link: say so as a page, not as JSON.
  for (const prefix of ['/s', '/u', '/c']) {
    app.all(`${prefix}/*`, (c) => errorPage(c, new KeptError('not_found', 'This link is not valid', { reason: 'invalid_link' })));
  }
}
