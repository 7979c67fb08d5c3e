// The mails that carry a one-time link to set a password: an invitation to the team, or a reset.

const e = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const font = 'font-family:Arial,Helvetica,sans-serif;';

export function composeStaffMail(o: { purpose: 'invitation' | 'reset'; name: string; url: string; expiresAt: Date }) {
  const until = o.expiresAt.toUTCString();
  const subject = o.purpose === 'invitation' ? 'You are invited to Kept' : 'Reset your Kept password';
  const lines =
    o.purpose === 'invitation'
      ? [`Hello ${o.name},`, 'You have been added to your team on Kept. Choose a password to sign in:']
      : [`Hello ${o.name},`, 'Someone asked to reset your Kept password. If it was you, choose a new one here:'];
  const after =
    o.purpose === 'invitation'
      ? `The link works once, until ${until}.`
      : `The link works once, until ${until}. If you did not ask, ignore this mail: your password stays as it is.`;
  const text = `${lines.join('\n\n')}\n\n${o.url}\n\n${after}\n`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="${font}font-size:16px;line-height:24px;color:#1f2937;">
${lines.map((l) => `<p>${e(l)}</p>`).join('\n')}
<p><a href="${e(o.url)}" style="color:#1d4ed8;word-break:break-all;">${e(o.url)}</a></p>
<p>${e(after)}</p>
</body></html>
`;
  return { subject, html, text };
}

/** A note to a member of staff (kudos, a hand-off rated low): a greeting, lines, and a link into Kept. */
export function composeTeamNote(o: { subject: string; name: string; lines: string[]; quote?: string; url: string | null }) {
  const quote = o.quote ? `\n\n> ${o.quote.replace(/\n/g, '\n> ')}` : '';
  const text = `Hello ${o.name},\n\n${o.lines.join('\n\n')}${quote}\n${o.url ? `\n${o.url}\n` : ''}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(o.subject)}</title></head>
<body style="${font}font-size:16px;line-height:24px;color:#1f2937;">
<p>${e(`Hello ${o.name},`)}</p>
${o.lines.map((l) => `<p>${e(l)}</p>`).join('\n')}
${o.quote ? `<blockquote style="border-left:4px solid #d1d5db;margin:0;padding-left:12px;">${e(o.quote).replace(/\n/g, '<br>')}</blockquote>` : ''}
${o.url ? `<p><a href="${e(o.url)}" style="color:#1d4ed8;">${e(o.url)}</a></p>` : ''}
</body></html>
`;
  return { subject: o.subject, html, text };
}
