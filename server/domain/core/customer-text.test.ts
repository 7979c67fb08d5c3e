import { describe, expect, it } from 'vitest';
import { customerWhere, formatWhen, tidyPunctuation, trimAtWord } from './customer-text.ts';

describe('customer-facing text', () => {
  it('leaves no doubled punctuation when a value ends the sentence its template ends', () => {
    expect(tidyPunctuation('We got this wrong: the parcel was late..')).toBe('We got this wrong: the parcel was late.');
    expect(tidyPunctuation('We got this wrong: Customer says the conditioner smells odd....')).toBe(
      'We got this wrong: Customer says the conditioner smells odd…',
    );
    expect(tidyPunctuation('We got this wrong: why was it late?.')).toBe('We got this wrong: why was it late?');
    expect(tidyPunctuation('Thank you!. See you , Ann')).toBe('Thank you! See you, Ann');
    expect(tidyPunctuation('Dear Ann,,\n\nWe are sorry:.')).toBe('Dear Ann,\n\nWe are sorry.');
    expect(tidyPunctuation('One ellipsis… stays. Wait...')).toBe('One ellipsis… stays. Wait...');
    expect(tidyPunctuation('Des frais pour un colis fermé, sérieusement ? Merci ! Voici : rien')).toBe(
      'Des frais pour un colis fermé, sérieusement ? Merci ! Voici : rien',
    );
  });

  it('shortens at a word, never mid-word, with one ellipsis', () => {
    const long = 'The conditioner jar from batch B-42 held henna instead of conditioner, and the customer was upset';
    const t = trimAtWord(long, 40);
    expect(t.length).toBeLessThanOrEqual(40);
    expect(t).toBe('The conditioner jar from batch B-42…');
    expect(trimAtWord('short', 40)).toBe('short');
    expect(trimAtWord('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
    expect(trimAtWord('Late again, very late, and rude', 12)).toBe('Late again…');
  });

  it('writes times in the customer’s language and zone, else the company’s', () => {
    const at = new Date('2026-12-06T13:05:00Z');
    const company = { defaultLocale: 'en-GB', timeZone: 'Europe/Berlin' };
    expect(formatWhen(at, customerWhere(null, company))).toBe('6 December 2026 at 14:05');
    const w = customerWhere({ locale: 'de', attributes: { timeZone: 'America/New_York' } }, company);
    expect(w).toEqual({ locale: 'de', timeZone: 'America/New_York' });
    expect(formatWhen(at, w)).toBe('6. Dezember 2026 um 08:05');
    expect(customerWhere({ locale: null, attributes: { timeZone: 'Mars/Olympus' } }, company).timeZone).toBe('Europe/Berlin');
    expect(formatWhen(at, customerWhere(null, company))).not.toContain('UTC');
  });
});
