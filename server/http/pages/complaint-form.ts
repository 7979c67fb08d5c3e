// The public complaint form and its thank-you page: labelled fields (name, e-mail, an order or
// reference number, what happened, when), each bad field marked with its own message and a
// summary at the top linking to it, everything typed shown again, a honeypot for bots and a
// plain submit button. A form POST that works with JavaScript off and on any phone.
import { complaintBodyMax, complaintReferenceMax } from '../../../contract/complaints.ts';
import { nameMax, type FormField, type FormProblem, type FormValues } from '../../domain/recovery/complaint-form.ts';
import { complaintTexts, type ComplaintTexts } from '../../domain/recovery/complaint-texts.ts';
import { format, uiTexts } from '../../domain/signals/ui-texts.ts';
import { e, layout } from './layout.ts';

export interface ComplaintPage {
  locale: string;
  brand: string;
  look?: { colour?: string; logoUrl?: string; poweredBy: boolean };
  /** Where the form posts: the page's own path. */
  action: string;
  timeZone: string;
  /** Today and the earliest date taken, YYYY-MM-DD in the workspace's zone. */
  today: string;
  earliest: string;
  /** One per form shown: sending the same form twice (a reload, a double click) stores one complaint. */
  nonce: string;
}

const message = (t: ComplaintTexts, p: FormProblem) => format(t[p.text], { max: p.max ?? '' });

export function complaintFormPage(o: ComplaintPage & { values: FormValues; problems: FormProblem[] }): string {
  const t = complaintTexts(o.locale);
  const ui = uiTexts(o.locale);
  const errorOf = new Map<FormField, string>();
  for (const p of o.problems) if (!errorOf.has(p.field)) errorOf.set(p.field, message(t, p));
  const optional = `<span class="hint"> (${e(ui.optional)})</span>`;

  /** aria-describedby and aria-invalid for a field, and its error line. */
  const described = (f: FormField, hint?: string) => {
    const ids = [hint, errorOf.has(f) ? `${f}-error` : undefined].filter(Boolean).join(' ');
    return `${ids ? ` aria-describedby="${ids}"` : ''}${errorOf.has(f) ? ' aria-invalid="true"' : ''}`;
  };
  const errorLine = (f: FormField) => (errorOf.has(f) ? `<p class="field-error" id="${f}-error">${e(errorOf.get(f)!)}</p>` : '');
  const value = (f: FormField) => e(o.values[f] ?? '');
  const input = (f: FormField, label: string, attrs: string, opts: { optional?: boolean; hint?: string } = {}) =>
    `<div class="field"><label for="${f}">${e(label)}${opts.optional ? optional : ''}</label>` +
    (opts.hint ? `<p class="hint" id="${f}-hint">${e(opts.hint)}</p>` : '') +
    `<input id="${f}" name="${f}" value="${value(f)}" ${attrs}${described(f, opts.hint ? `${f}-hint` : undefined)}>` +
    `${errorLine(f)}</div>`;

  const summary = o.problems.length
    ? `<div class="errors" role="alert" id="errors"><p>${e(t.fixErrors)}</p><ul>` +
      [...errorOf].map(([f, m]) => `<li><a href="#${f}">${e(m)}</a></li>`).join('') +
      `</ul></div>\n`
    : '';
  const when =
    `<fieldset class="when-fields" aria-describedby="when-hint"><legend>${e(t.whenLegend)}${optional}</legend>` +
    `<p class="hint" id="when-hint">${e(format(t.whenHint, { zone: o.timeZone }))}</p><div class="when">` +
    input('date', t.dateLabel, `type="date" min="${o.earliest}" max="${o.today}"`) +
    input('time', t.timeLabel, 'type="time"') +
    `</div></fieldset>`;
  const honeypot =
    `<div class="hp" aria-hidden="true"><label for="website">${e(ui.honeypotLabel)}</label>` +
    `<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off"></div>`;

  const body =
    `<h1>${e(t.heading)}</h1>\n<p>${e(t.intro)}</p>\n${summary}` +
    `<form method="post" action="${e(o.action)}" accept-charset="utf-8">\n` +
    `<input type="hidden" name="locale" value="${e(o.locale)}"><input type="hidden" name="nonce" value="${e(o.nonce)}">\n` +
    input('name', t.nameLabel, `type="text" autocomplete="name" maxlength="${nameMax}"`, { optional: true }) +
    '\n' +
    input('email', t.emailLabel, 'type="email" autocomplete="email" maxlength="320" required', { hint: t.emailHint }) +
    '\n' +
    input('reference', t.referenceLabel, `type="text" maxlength="${complaintReferenceMax}"`, { optional: true }) +
    '\n' +
    `<div class="field"><label for="body">${e(t.bodyLabel)}</label><p class="hint" id="body-hint">${e(t.bodyHint)}</p>` +
    `<textarea id="body" name="body" rows="6" maxlength="${complaintBodyMax}" required${described('body', 'body-hint')}>` +
    `${value('body')}</textarea>${errorLine('body')}</div>\n` +
    `${when}\n${honeypot}\n<button type="submit">${e(t.submit)}</button>\n</form>`;
  const title = format(t.pageTitle, { brand: o.brand });
  return layout({
    lang: o.locale,
    title: o.problems.length ? `${t.fixErrors} ${title}` : title,
    body,
    brand: { name: o.brand, ...o.look },
  });
}

/** What happens next, in plain words: who replies, how, to which address and by when. */
export function complaintThanksPage(o: {
  locale: string;
  brand: string;
  look?: { colour?: string; logoUrl?: string; poweredBy: boolean };
  email: string;
  hours: string;
  businessHours: boolean;
}): string {
  const t = complaintTexts(o.locale);
  const next = format(o.businessHours ? t.replyWithinBusinessHours : t.replyWithin, { email: o.email, duration: o.hours });
  return layout({
    lang: o.locale,
    title: t.thankYouTitle,
    brand: { name: o.brand, ...o.look },
    body: `<h1>${e(t.thankYouTitle)}</h1>\n<p role="status">${e(next)}</p>`,
  });
}
