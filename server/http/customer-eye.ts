// The customer's-eye view's pages, rendered by the very renderers the customer's browser got them
// from: the stored mail's HTML as it was sent; the answer page and its thank-you
// (pages/answer-form.ts) with the customer's answer; the case page (case-page.ts). Served to
// signed-in staff for a sandboxed frame: no script runs, no form goes anywhere, nothing is fetched
// but images.
import type { Context } from 'hono';
import { customerEyeEntry } from '../domain/one-voice/customer-eye.ts';
import { caseUrl } from '../domain/recovery/case-messages.ts';
import { customerCaseView } from '../domain/recovery/customer-case.ts';
import { chooseLocale, textsFor } from '../domain/signals/survey-texts.ts';
import { casePage } from './case-page.ts';
import { answerFormPage, thankYouPage } from './pages/answer-form.ts';
import { signalDeps, type Services } from './services.ts';

/** A frame of the staff app may show it; inside, no script, no plugin, no form, no navigation of the app. */
export const customerEyeFramePolicy =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

export async function customerEyeHtml(services: Services, workspaceId: string, customerId: string, itemId: string): Promise<string> {
  const entry = await customerEyeEntry(services.db, workspaceId, customerId, itemId);
  const r = entry.render;
  switch (r.type) {
    case 'mail':
      return r.html;
    case 'survey_page':
    case 'thank_you_page': {
      const locale = chooseLocale(r.survey, [r.answer.locale]);
      const texts = textsFor(r.survey, locale);
      if (r.type === 'thank_you_page') return thankYouPage({ survey: r.survey, locale, thankYou: texts.thankYou, token: '' });
      const clicked = r.answer.clickedAt !== null;
      return answerFormPage({
        survey: r.survey,
        texts,
        locale,
        token: '',
        values: clicked
          ? { score: r.answer.score, answers: {} }
          : { score: r.answer.score, reason: r.answer.reason ?? undefined, answers: r.answer.answers },
        alreadyAnswered: false,
        scoreNoted: clicked,
      });
    }
    case 'case_page': {
      const d = signalDeps(services);
      const token = new URL(await caseUrl(d, workspaceId, r.caseId)).pathname.slice('/c/'.length);
      return casePage(token, await customerCaseView(d, token), {});
    }
  }
}

export const customerEyeResponse = (c: Context, html: string) =>
  c.body(html, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': customerEyeFramePolicy,
    'X-Frame-Options': 'SAMEORIGIN',
  });
