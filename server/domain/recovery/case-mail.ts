// The e-mail a customer gets when the company writes about their case: the message as staff wrote
// it, and the link to the customer's own page for the case, where they can follow it and reply.
import type { ComposedMail } from '../one-voice/mails.ts';
import { escapeHtml as e } from '../one-voice/mails.ts';

const font = 'font-family:Arial,Helvetica,sans-serif;';
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

export function composeCaseMail(o: {
  company: string;
  caseNumber: number;
  caseTitle: string;
  body: string;
  caseUrl: string;
}): ComposedMail {
  const subject = oneLine(`${o.company}: about your case #${o.caseNumber}`);
  const paragraphs = o.body
    .split(/\n{2,}/)
    .map((p) => `<p style="${font}font-size:16px;line-height:24px;color:#1f2937;margin:0 0 12px;">${e(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div role="article" aria-label="${e(subject)}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-radius:6px;"><tr><td style="padding:24px 16px;">
<p style="${font}font-size:18px;font-weight:bold;color:#111827;margin:0 0 16px;">${e(o.company)}</p>
${paragraphs}
<p style="${font}font-size:14px;line-height:20px;color:#374151;margin:20px 0 0;padding-top:12px;border-top:1px solid #e5e7eb;">Follow your case and reply here: <a href="${e(o.caseUrl)}" style="color:#1d4ed8;word-break:break-all;overflow-wrap:anywhere;">${e(o.caseUrl)}</a></p>
</td></tr></table>
</td></tr></table>
</div>
</body>
</html>
`;
  const text = `${o.body}\n\n-- \nFollow your case and reply here: ${o.caseUrl}\n`;
  return { subject, html, text, headers: {} };
}
