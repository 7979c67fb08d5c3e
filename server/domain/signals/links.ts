// Signed links given to customers: a survey invitation, an unsubscribe, and the widget's proof
// of who is signed in. A link carries the workspace and record it names, plus an HMAC of both
// made with the workspace's secret, so it cannot be guessed, forged or pointed at another record.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignalSettings } from './signal-settings.ts';

export type LinkPurpose = 'invitation' | 'unsubscribe' | 'case' | 'review_question';

const hex = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (secret: Buffer, purpose: LinkPurpose, payload: Buffer) =>
  createHmac('sha256', secret).update(`${purpose}:`).update(payload).digest().subarray(0, 16);

/** `<base64url of workspace id + record id>.<base64url of a 128-bit HMAC>`: 66 URL-safe characters. */
export function signLink(secret: Buffer, purpose: LinkPurpose, workspaceId: string, id: string): string {
  const payload = Buffer.concat([hex(workspaceId), hex(id)]);
  return `${payload.toString('base64url')}.${mac(secret, purpose, payload).toString('base64url')}`;
}

export interface ParsedLink {
  workspaceId: string;
  id: string;
  payload: Buffer;
  mac: Buffer;
}

/** The parts of a link, or undefined when it is not shaped like one. Says nothing about its signature. */
export function parseLink(token: string): ParsedLink | undefined {
  const m = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return undefined;
  const payload = Buffer.from(m[1]!, 'base64url');
  const sig = Buffer.from(m[2]!, 'base64url');
  if (payload.length !== 32 || sig.length !== 16) return undefined;
  // One spelling per link: base64url's last character carries unused bits, so without this check
  // a link with that character changed would still open.
  if (payload.toString('base64url') !== m[1] || sig.toString('base64url') !== m[2]) return undefined;
  return { workspaceId: uuid(payload.subarray(0, 16)), id: uuid(payload.subarray(16)), payload, mac: sig };
}

export function verifyLink(secret: Buffer, purpose: LinkPurpose, link: ParsedLink): boolean {
  return timingSafeEqual(mac(secret, purpose, link.payload), link.mac);
}

/** What a customer's site computes to vouch for a signed-in customer: hex HMAC-SHA256 of the externalId. */
export const widgetSignature = (widgetSecret: string, externalId: string) =>
  createHmac('sha256', widgetSecret).update(externalId).digest('hex');

export function verifyWidgetSignature(widgetSecret: string, externalId: string, signature: string): boolean {
  const expected = Buffer.from(widgetSignature(widgetSecret, externalId), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(expected, given);
}

/** The signed token of an invitation's answer page. */
export const invitationToken = (settings: Pick<SignalSettings, 'linkSecret'>, workspaceId: string, invitationId: string) =>
  signLink(settings.linkSecret, 'invitation', workspaceId, invitationId);

/** The answer page of an invitation token. */
export const answerUrl = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;
