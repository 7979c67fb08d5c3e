// Standard Webhooks signing (https://www.standardwebhooks.com) with the reference `standardwebhooks`
// package: a secret is `whsec_` and the base64 of random bytes; a message is signed as `v1,` +
// base64(HMAC-SHA256(key, "id.timestamp.body")), and the webhook-signature header lists one
// signature per live secret.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const secretPrefix = 'whsec_';

/** 24 random bytes (the spec asks for 24 to 64), base64: `whsec_` + 32 characters. */
export const newWebhookSecret = () => secretPrefix + randomBytes(24).toString('base64');

/** The webhook-signature header: `v1,<sig>` for each secret, space-separated. */
export function signWebhook(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  const at = new Date(timestampSeconds * 1000);
  return secrets.map((s) => new Webhook(s).sign(id, at, body)).join(' ');
}

/** The headers of one try: the delivery's stable id, the time of this try, the signatures. */
export function webhookHeaders(secrets: string[], id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Kept-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secrets, id, timestamp, body),
  };
}
