// The public complaint form at /complain/{workspace}: GET shows it, POST stores the complaint
// (channel and source 'form'; it opens or joins the customer's case) and says what happens next.
// Server-rendered HTML without script, in the customer's language (Accept-Language), limited per
// address. Bad input comes back as the form with each field's message and everything typed kept.
// A filled-in honeypot gets the same thank-you page and stores nothing, so a bot learns nothing.
// No CSRF token: the form carries no cookie and acts for nobody signed in.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { complaintBodyMax } from '../../contract/complaints.ts';
import { localDate, maxFormAgeDays, openComplaintForm, readComplaintForm, type ComplaintForm } from '../domain/recovery/complaint-form.ts';
import { complaintTexts, hoursText } from '../domain/recovery/complaint-texts.ts';
import { receiveComplaint } from '../domain/recovery/complaints.ts';
import { sendComplaintReceipt } from '../domain/recovery/complaint-receipt.ts';
import { KeptError } from '../domain/core/errors.ts';
import { isUuid, uuidv7 } from '../lib/ids.ts';
import { chooseBuiltInLocale, parseAcceptLanguage } from '../domain/signals/survey-texts.ts';
import { format, uiTexts } from '../domain/signals/ui-texts.ts';
import { complaintFormPage, complaintThanksPage, type ComplaintPage } from './pages/complaint-form.ts';
import { messagePage, pageHeaders } from './pages/layout.ts';
import { readForm } from './public-kit.ts';
import { signalDeps, type AppEnv } from './services.ts';

type C = Context<AppEnv>;

/** The longest body, in UTF-8 percent-encoded, with room for the other fields. */
export const maxComplaintFormBytes = 256 * 1024;

const html = (c: C, status: ContentfulStatusCode, body: string, headers: Record<string, string> = {}) =>
  c.body(body, status, { ...pageHeaders, ...headers });

const browserLocale = (c: C, given?: string) => chooseBuiltInLocale([given, ...parseAcceptLanguage(c.req.header('accept-language'))]);

function errorPage(c: C, err: unknown, locale: string): Response {
  const t = complaintTexts(locale);
  const ui = uiTexts(locale);
  const page = (status: ContentfulStatusCode, title: string, message: string, headers?: Record<string, string>) =>
    html(c, status, messagePage({ lang: locale, title, message }), headers);
  if (err instanceof KeptError) {
    if (err.code === 'not_found') return page(404, t.notFoundTitle, t.notFound);
    // A NUL or a lone surrogate in a field: nothing a person types.
    if (err.code === 'invalid_input') return page(400, ui.errorTitle, ui.error);
    if (err.code === 'payload_too_large') return page(413, ui.errorTitle, format(t.tooLong, { max: complaintBodyMax }));
    if (err.code === 'rate_limited') {
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      return page(429, ui.rateLimitedTitle, ui.rateLimited, retry ? { 'Retry-After': String(retry) } : undefined);
    }
  }
  c.get('log').error({ err }, 'complaint form failed');
  return page(500, ui.errorTitle, ui.error);
}

function pageOf(c: C, form: ComplaintForm, locale: string, nonce?: string): ComplaintPage {
  const now = c.get('services').clock.now();
  return {
    locale,
    brand: form.brand,
    look: form.look,
    action: c.req.path.split('/').pop()!,
    timeZone: form.timeZone,
    today: localDate(now, form.timeZone),
    earliest: localDate(now, form.timeZone, maxFormAgeDays),
    nonce: nonce && isUuid(nonce) ? nonce : uuidv7(now.getTime()),
  };
}

const thanks = (c: C, form: ComplaintForm, locale: string, email: string) =>
  html(
    c,
    200,
    complaintThanksPage({
      locale,
      brand: form.brand,
      look: form.look,
      email,
      hours: hoursText(locale, form.targetHours),
      businessHours: form.businessHours,
    }),
  );

async function showForm(c: C): Promise<Response> {
  const locale = browserLocale(c);
  try {
    const s = c.get('services');
    s.publicLimits.address(c);
    const form = await openComplaintForm(s.db, c.req.param('slug')!, s.clock.now());
    return html(c, 200, complaintFormPage({ ...pageOf(c, form, locale), values: {}, problems: [] }));
  } catch (err) {
    return errorPage(c, err, locale);
  }
}

async function postForm(c: C): Promise<Response> {
  let locale = browserLocale(c);
  try {
    const s = c.get('services');
    s.publicLimits.address(c);
    const fields = await readForm(c);
    locale = browserLocale(c, fields.locale);
    const form = await openComplaintForm(s.db, c.req.param('slug')!, s.clock.now());
    if (fields.website) {
      c.get('log').info({ workspaceId: form.workspaceId }, 'complaint form: honeypot filled in, nothing stored');
      return thanks(c, form, locale, (fields.email ?? '').trim());
    }
    const read = readComplaintForm(fields, form, s.clock.now());
    const again = (problems: typeof read.problems) =>
      html(c, 400, complaintFormPage({ ...pageOf(c, form, locale, fields.nonce), values: read.values, problems }));
    if (!read.intake) return again(read.problems);
    try {
      const r = await receiveComplaint({ db: s.db, clock: s.clock, publicUrl: s.config.publicUrl }, form.workspaceId, read.intake);
      await sendComplaintReceipt(signalDeps(s), form.workspaceId, r);
    } catch (err) {
      // The form checks the time first; this is the domain's last word on it.
      const problems =
        err instanceof KeptError && err.code === 'invalid_input' ? (err.details as { problems?: { path: unknown[] }[] }).problems : [];
      if (problems?.some((p) => p.path[0] === 'occurredAt')) return again([{ field: 'date', text: 'whenFuture' }]);
      throw err;
    }
    return thanks(c, form, locale, read.intake.customer.email!);
  } catch (err) {
    return errorPage(c, err, locale);
  }
}

/** Mounts /complain/{workspace}; call before any catch-all route. */
export function mountComplaintPages(app: Hono<AppEnv>): void {
  const limitBody = bodyLimit({
    maxSize: maxComplaintFormBytes,
    onError: (c) => errorPage(c as C, new KeptError('payload_too_large', 'The form is too large'), browserLocale(c as C)),
  });
  app.get('/complain/:slug', showForm);
  app.post('/complain/:slug', limitBody, postForm);
  for (const path of ['/complain', '/complain/*']) {
    app.all(path, (c) => errorPage(c as C, new KeptError('not_found', 'No complaint form here'), browserLocale(c as C)));
  }
}
