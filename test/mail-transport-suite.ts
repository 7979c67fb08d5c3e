// The contract every MailTransport keeps (server/domain/one-voice/mail-transport.ts), as one suite
// run against each implementation (server/adapters/mail-transports.test.ts): it takes a mail and
// resolves, what it took is the mail it was given (recipient, subject, Message-ID, headers), mails
// sent at once are each taken once, and it says whether mail leaves (`deliver`) or stays (`preview`).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MailTransport, OutgoingMail } from '../server/domain/one-voice/mail-transport.ts';

/** What reached the far side of a transport (a mail server, the preview's log). */
export interface TakenMail {
  to: string;
  subject: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface TransportHarness {
  transport: MailTransport;
  mode: MailTransport['mode'];
  /** The mails taken so far, oldest first. */
  taken(): TakenMail[];
  /** Forgets what was taken. */
  reset(): void;
  close(): Promise<void>;
}

const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => {
  const id = randomUUID();
  return {
    from: 'Acme Surveys <surveys@acme.test>',
    to: `${id.slice(0, 8)}@example.com`,
    subject: 'A quick question from Acme',
    html: '<p>How likely are you to recommend Acme?</p>',
    text: 'How likely are you to recommend Acme?',
    headers: { 'List-Unsubscribe': `<https://kept.test/u/${id}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    messageId: `<${id}@acme.test>`,
    ...over,
  };
};

export function describeMailTransport(name: string, make: () => Promise<TransportHarness>): void {
  describe(`MailTransport: ${name}`, () => {
    let h: TransportHarness;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(() => h.close());
    beforeEach(() => h.reset());

    it('says whether mail leaves Kept', () => {
      expect(h.transport.mode).toBe(h.mode);
    });

    it('takes a mail and resolves: the recipient, subject, Message-ID and headers it was given', async () => {
      const m = mail();
      await expect(h.transport.send(m)).resolves.toBeUndefined();
      expect(h.taken()).toEqual([{ to: m.to, subject: m.subject, messageId: m.messageId, headers: m.headers }]);
    });

    it('takes mails sent at once, each once', async () => {
      const mails = Array.from({ length: 6 }, () => mail());
      await Promise.all(mails.map((m) => h.transport.send(m)));
      const taken = h.taken().map((m) => m.messageId);
      expect(taken).toHaveLength(6);
      expect(new Set(taken)).toEqual(new Set(mails.map((m) => m.messageId)));
    });

    it('takes the same Message-ID again when a person resends a mail', async () => {
      const m = mail();
      await h.transport.send(m);
      await h.transport.send({ ...m, subject: 'A quick question from Acme (again)' });
      expect(h.taken().map((x) => x.messageId)).toEqual([m.messageId, m.messageId]);
    });
  });
}
