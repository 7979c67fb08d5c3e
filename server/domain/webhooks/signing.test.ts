// Signing with the standardwebhooks package gives the same header as the HMAC Kept computed by
// hand before (the spec's formula, written out here as the oracle), for one secret and for two.
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, webhookHeaders } from './signing.ts';

const byHand = (secret: string, id: string, seconds: number, body: string) =>
  `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${seconds}.${body}`)
    .digest('base64')}`;

describe('signWebhook', () => {
  const id = '0192f0c4-7f4e-7a1b-9c3d-5e6f7a8b9c0d';
  const body = JSON.stringify({ type: 'survey.answered', data: { text: 'ça va — “merci”' } });

  it('signs as the Standard Webhooks formula says, one signature per secret', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(signWebhook([a], id, 1_767_225_600, body)).toBe(byHand(a, id, 1_767_225_600, body));
    expect(signWebhook([a, b], id, 1_767_225_600, body)).toBe(
      `${byHand(a, id, 1_767_225_600, body)} ${byHand(b, id, 1_767_225_600, body)}`,
    );
    expect(signWebhook([a], id, 1_767_225_601, body)).not.toBe(signWebhook([a], id, 1_767_225_600, body));
  });

  it('gives headers a receiver verifies with either live secret', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([current, previous], id, new Date(), body);
    expect(headers['webhook-id']).toBe(id);
    for (const s of [current, previous]) expect(new Webhook(s).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(/No matching signature/);
  });
});
