// The frame of every mail the company writes to a customer in its own words (a case's messages,
// the complaint receipt, "you said, we did"): the company's logo or name and colour on top, the
// message, the company's signature, and links at the foot. Accessible HTML beside plain text.
// Survey mail has its own layout (the score buttons) in mails.ts, with the same brand.
import type { ComposedMail } from './mails.ts';
import { brandColours, escapeHtml as e } from './mails.ts';
import { tidyPunctuation } from '../core/customer-text.ts';

/** What a customer's mail shows of the company. */
export interface MailBrand {
  companyName: string;
  logoUrl: string | null;
  brandColour: string | null;
  signature: string | null;
  poweredBy: boolean;
}

/** The line a workspace may choose to show (off by default): the only place customers may read "Kept". */
export const poweredByLine = 'Powered by Kept';

const font = 'font-family:Arial,Helvetica,sans-serif;';
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

export function frameMail(o: {
  brand: MailBrand;
  locale: string;
  subject: string;
  /** The message as text; blank lines part paragraphs. */
  body: string;
  /** Lines under the signature, e.g. a link to the customer's case page. */
  links?: { label: string; url: string }[];
  headers?: Record<string, string>;
}): ComposedMail {
  const subject = oneLine(tidyPunctuation(o.subject));
  const body = tidyPunctuation(o.body.trim());
  const colours = brandColours(o.brand.brandColour ?? undefined);
  const p = (html: string, style = '') =>
    `<p style="${font}font-size:16px;line-height:24px;color:#1f2937;margin:0 0 12px;${style}">${html}</p>`;
  const paragraphs = body
    .split(/\n{2,}/)
    .map((x) => p(e(x).replace(/\n/g, '<br>')))
    .join('\n');
  const signature = o.brand.signature?.trim();
  const head = o.brand.logoUrl
    ? `<img src="${e(o.brand.logoUrl)}" alt="${e(o.brand.companyName)}" height="40" style="display:block;height:40px;width:auto;max-width:100%;border:0;margin:0 0 16px;">`
    : `<p style="${font}font-size:18px;font-weight:bold;color:#111827;margin:0 0 16px;">${e(o.brand.companyName)}</p>`;
  const links = (o.links ?? [])
    .map(
      (l) =>
        `<p style="${font}font-size:14px;line-height:20px;color:#374151;margin:8px 0 0;">${e(l.label)} <a href="${e(l.url)}" style="color:#1d4ed8;word-break:break-all;overflow-wrap:anywhere;">${e(l.url)}</a></p>`,
    )
    .join('\n');
  const powered = o.brand.poweredBy ? `<p style="${font}font-size:12px;color:#4b5563;margin:16px 0 0;">${e(poweredByLine)}</p>` : '';
  const html = `<!doctype html>
<html lang="${e(o.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div role="article" aria-label="${e(subject)}" lang="${e(o.locale)}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-top:6px solid ${colours.background};border-radius:6px;"><tr><td style="padding:24px 16px;">
${head}
${paragraphs}
${signature ? p(e(signature).replace(/\n/g, '<br>'), 'color:#374151;') : ''}
${links ? `<div style="margin:20px 0 0;padding-top:12px;border-top:1px solid #e5e7eb;">${links}</div>` : ''}
${powered}
</td></tr></table>
</td></tr></table>
</div>
</body>
</html>
`;
  const text = [
    body,
    ...(signature ? ['', signature] : []),
    ...((o.links ?? []).length ? ['', '-- ', ...(o.links ?? []).map((l) => `${l.label} ${l.url}`)] : []),
    ...(o.brand.poweredBy ? ['', poweredByLine] : []),
    '',
  ].join('\n');
  return { subject, html, text, headers: o.headers ?? {} };
}
