// Survey e-mails and the outbox staff read. A survey mail is small, accessible HTML plus a
// plain-text part: the question, the score scale as links (one click opens the answer page
// with that score chosen; the page then asks for the reason and takes the answer), and a
// visible unsubscribe link. Its headers carry List-Unsubscribe and one-click unsubscribe
// (RFC 8058), so mail clients offer an unsubscribe button that works without a visit.
// Staff read the outbox here, and send again a mail that failed or whose delivery is unknown.
import { z } from 'zod';
import { scaleOf, type Survey, type SurveyTexts } from '../../../contract/surveys.ts';
import { type Mail } from '../../../contract/mails.ts';
import type { Db } from '../../storage/database.ts';
import { listMailResends, type MailResend } from '../../storage/mail-resends.ts';
import * as store from '../../storage/mails.ts';
import * as views from '../../storage/mail-views.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Principal } from '../core/principal.ts';
import { brandName } from '../signals/survey-texts.ts';
import { format, uiTexts } from '../signals/ui-texts.ts';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Kept's own colour, used when a survey has no brand colour: white text on it has a 8.6:1 contrast. */
export const defaultBrandColour = '#1f4e8c';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The brand colour and the text colour to write on it (black or white, whichever contrasts
 * more), so a light brand colour still gives readable buttons.
 */
export function brandColours(colour: string | undefined): { background: string; foreground: string } {
  const background = colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour.toLowerCase() : defaultBrandColour;
  const l = luminance(background);
  return { background, foreground: contrast(l, 1) >= contrast(l, 0) ? '#ffffff' : '#000000' };
}

/** A link to the answer page with a score chosen: `https://.../s/TOKEN?score=7`. */
export const scoreUrl = (answerUrl: string, score: number) => `${answerUrl}${answerUrl.includes('?') ? '&' : '?'}score=${score}`;

export interface ComposedMail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** RFC 8058 one-click unsubscribe: the mail client POSTs List-Unsubscribe=One-Click to the URL. */
export const unsubscribeHeaders = (unsubscribeUrl: string): Record<string, string> => ({
  'List-Unsubscribe': `<${unsubscribeUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();
const font = 'font-family:Arial,Helvetica,sans-serif;';

export function composeSurveyMail(o: {
  survey: Survey;
  texts: SurveyTexts;
  locale: string;
  customerName: string | null;
  answerUrl: string;
  unsubscribeUrl: string;
  reminder: boolean;
}): ComposedMail {
  const ui = uiTexts(o.locale);
  const t = o.texts;
  const brand = brandName(o.survey);
  const { min, max } = scaleOf[o.survey.kind];
  const colours = brandColours(o.survey.brand.colour);
  const name = o.customerName ? oneLine(o.customerName) : '';
  const greeting = name ? format(ui.greeting, { name }) : ui.greetingNoName;
  const subject = oneLine(o.reminder ? format(ui.reminderSubject, { subject: t.emailSubject }) : t.emailSubject);
  const why = format(ui.whyThisMail, { brand });
  const hint = format(ui.scaleHint, { min, max, low: t.lowLabel, high: t.highLabel });
  const e = escapeHtml;

  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const cellWidth = Math.floor(100 / scores.length);
  const cells = scores
    .map((n) => {
      const anchor = n === min ? t.lowLabel : n === max ? t.highLabel : undefined;
      return (
        `<td width="${cellWidth}%" style="padding:2px;">` +
        `<a href="${e(scoreUrl(o.answerUrl, n))}"${anchor ? ` aria-label="${e(`${n} (${anchor})`)}"` : ''} ` +
        `style="display:block;padding:10px 0;text-align:center;${font}font-size:16px;font-weight:bold;line-height:20px;` +
        `background:${colours.background};color:${colours.foreground};border:1px solid #4b5563;border-radius:4px;text-decoration:none;">${n}</a></td>`
      );
    })
    .join('');
  const logo = o.survey.brand.logoUrl
    ? `<img src="${e(o.survey.brand.logoUrl)}" alt="${e(brand)}" height="40" style="display:block;height:40px;width:auto;max-width:100%;border:0;margin:0 0 16px;">`
    : `<p style="${font}font-size:18px;font-weight:bold;color:#111827;margin:0 0 16px;">${e(brand)}</p>`;
  const p = (text: string, style = '') =>
    `<p style="${font}font-size:16px;line-height:24px;color:#1f2937;margin:0 0 12px;${style}">${text}</p>`;

  const html = `<!doctype html>
<html lang="${e(o.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div role="article" aria-label="${e(subject)}" lang="${e(o.locale)}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-top:6px solid ${colours.background};border-radius:6px;"><tr><td style="padding:24px 16px;">
${logo}
${p(e(greeting))}
${p(e(t.emailIntro))}
<h1 style="${font}font-size:20px;line-height:28px;font-weight:bold;color:#111827;margin:20px 0 12px;">${e(t.question)}</h1>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${cells}</tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:6px 0 20px;"><tr>
<td style="${font}font-size:14px;line-height:20px;color:#374151;" align="left">${e(`${min}${ui.colon} ${t.lowLabel}`)}</td>
<td style="${font}font-size:14px;line-height:20px;color:#374151;" align="right">${e(`${max}${ui.colon} ${t.highLabel}`)}</td>
</tr></table>
<p style="${font}font-size:14px;line-height:20px;color:#374151;margin:0 0 12px;">${e(ui.answerHere)} <a href="${e(o.answerUrl)}" style="color:#1d4ed8;word-break:break-all;overflow-wrap:anywhere;">${e(o.answerUrl)}</a></p>
<p style="${font}font-size:13px;line-height:20px;color:#4b5563;margin:24px 0 0;padding-top:12px;border-top:1px solid #e5e7eb;">${e(why)}<br><a href="${e(o.unsubscribeUrl)}" style="color:#1f2937;">${e(ui.unsubscribeLink)}</a></p>
</td></tr></table>
</td></tr></table>
</div>
</body>
</html>
`;

  const text = [
    greeting,
    '',
    t.emailIntro,
    '',
    t.question,
    hint,
    '',
    `${ui.answerHere} ${o.answerUrl}`,
    '',
    '-- ',
    why,
    `${ui.unsubscribeLink}${ui.colon} ${o.unsubscribeUrl}`,
    '',
  ].join('\n');

  return { subject, html, text, headers: unsubscribeHeaders(o.unsubscribeUrl) };
}

/** The domain of Message-ID headers: the From address's (`Acme <surveys@acme.test>` gives acme.test). */
export function messageIdDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m ? m[1]!.toLowerCase() : 'kept.invalid';
}

export function toMail(r: store.MailRecord, resends: MailResend[] = []): Mail {
  return {
    id: r.id,
    customerId: r.customerId,
    invitationId: r.invitationId,
    kind: r.kind,
    to: r.to,
    subject: r.subject,
    html: r.html,
    text: r.text,
    headers: r.headers,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    messageId: r.messageId,
    claimedBy: r.claimedBy,
    claimedAt: r.claimedAt?.toISOString() ?? null,
    resends: resends.map((x) => ({
      at: x.at.toISOString(),
      byUserId: x.byUser,
      byTokenId: x.byToken,
      byName: x.byName,
      fromStatus: x.fromStatus,
      fromError: x.fromError,
    })),
  };
}

const cursorShape = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** The outbox and the mail preview: a workspace's mail, newest first. */
export async function listMails(
  db: Db,
  workspaceId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: Mail[]; nextCursor: string | null }> {
  const before = page.cursor ? decodeCursor(page.cursor, cursorShape) : undefined;
  const rows = await views.listMailRecords(db, workspaceId, page.limit + 1, before && { at: new Date(before.at), id: before.id });
  const shown = rows.slice(0, page.limit);
  const resends = await listMailResends(
    db,
    workspaceId,
    shown.map((r) => r.id),
  );
  const items = shown.map((r) => toMail(r, resends.get(r.id)));
  const last = rows.length > page.limit ? rows[page.limit - 1]! : undefined;
  return { items, nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null };
}

export async function getMail(db: Db, workspaceId: string, id: string): Promise<Mail> {
  const r = await views.findMail(db, workspaceId, id);
  if (!r) throw notFound('The mail');
  return toMail(r, (await listMailResends(db, workspaceId, [id])).get(id));
}

/**
 * A person chooses to send again a mail whose delivery is unknown, or that failed: it is queued
 * at once with a fresh count of attempts and the same Message-ID, and the choice is recorded
 * (who, when, from which state). Any other state is a conflict: a queued or sending mail is
 * already on its way, a sent one arrived, a preview never goes out.
 */
export async function resendMail(db: Db, clock: Clock, p: Principal, id: string): Promise<Mail> {
  return db.transaction().execute(async (tx) => {
    const m = await views.lockMail(tx, p.workspaceId, id);
    if (!m) throw notFound('The mail');
    if (m.status !== 'unknown' && m.status !== 'failed') {
      throw new KeptError('conflict', `Only a mail that failed or whose delivery is unknown can be sent again; this one is ${m.status}`, {
        status: m.status,
      });
    }
    const now = clock.now();
    const row = await views.requeueMail(tx, m, {
      id: uuidv7(now.getTime()),
      at: now,
      byUser: p.kind === 'user' ? (p.userId ?? null) : null,
      byToken: p.kind === 'token' ? (p.tokenId ?? null) : null,
    });
    return toMail(row, (await listMailResends(tx, p.workspaceId, [id])).get(id));
  });
}
