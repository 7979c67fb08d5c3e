// What every public customer page shares: the HTML answer with the pages' headers, the rate limits,
// the error page in the customer's language, and reading a posted form.
import { checkInput } from './input-check.ts';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SignalDeps } from '../domain/signals/signal-settings.ts';
import { KeptError } from '../domain/core/errors.ts';
import { chooseBuiltInLocale, parseAcceptLanguage } from '../domain/signals/survey-texts.ts';
import { format, uiTexts } from '../domain/signals/ui-texts.ts';
import { reasonMaxLength } from './pages/answer-form.ts';
import { brandOf, messagePage, pageHeaders, type PageBrand } from './pages/layout.ts';
import { companyVoice } from '../domain/core/company-profile.ts';
import type { AppEnv } from './services.ts';

export type C = Context<AppEnv>;

/** A form is small: the reason and a few open answers of at most 5,000 characters each. */
export const maxFormBytes = 128 * 1024;

export const deps = (c: C): SignalDeps => {
  const s = c.get('services');
  return { db: s.db, clock: s.clock, settings: s.settings, publicUrl: s.config.publicUrl };
};

/** The company's brand for a public page of a workspace (name, logo, colour, powered-by). */
export const companyBrand = async (c: C, workspaceId: string): Promise<PageBrand> =>
  brandOf(await companyVoice(c.get('services').db, workspaceId));

export const browserLocales = (c: C) => parseAcceptLanguage(c.req.header('accept-language'));

export const html = (c: C, status: ContentfulStatusCode, body: string, headers: Record<string, string> = {}) =>
  c.body(body, status, { ...pageHeaders, ...headers });

export function limit(c: C, token: string, perAddress = true): void {
  const limits = c.get('services').publicLimits;
  if (perAddress) limits.address(c);
  limits.link(c, token);
}

/** The page for an error: a message in the customer's language with its status, never internals. */
export function errorPage(c: C, err: unknown, locale = chooseBuiltInLocale(browserLocales(c))): Response {
  const ui = uiTexts(locale);
  const page = (status: ContentfulStatusCode, title: string, message: string, headers?: Record<string, string>) =>
    html(c, status, messagePage({ lang: locale, title, message }), headers);
  if (err instanceof KeptError) {
    switch (err.code) {
      case 'not_found':
        return page(404, ui.invalidLinkTitle, ui.invalidLink);
      case 'gone':
        return page(410, ui.expiredTitle, ui.expired);
      case 'conflict':
        return page(409, ui.closedTitle, ui.closed);
      case 'forbidden':
        return page(403, ui.refusedTitle, ui.refused);
      case 'invalid_input': // a NUL or a lone surrogate in a form: nothing a person types
        return page(400, ui.errorTitle, ui.invalidLink);
      case 'payload_too_large':
        return page(413, ui.errorTitle, format(ui.tooLong, { max: reasonMaxLength }));
      case 'rate_limited': {
        const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        return page(429, ui.rateLimitedTitle, ui.rateLimited, retry ? { 'Retry-After': String(retry) } : undefined);
      }
      default:
        break;
    }
  }
  c.get('log').error({ err }, 'public page failed');
  return page(500, ui.errorTitle, ui.error);
}

/** The fields of a posted form (urlencoded or multipart); repeated fields keep the last value. */
export async function readForm(c: C): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return {};
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  checkInput(out, 'form');
  return out;
}
