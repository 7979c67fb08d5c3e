import { describe, expect, it } from 'vitest';
import { canAddOption, offerInput, parseAmount } from './offer-form.ts';

const approver = '0190a3b4-0000-7000-8000-000000000001';

describe('the restitution offer form', () => {
  it('reads amounts written with a comma or a point', () => {
    expect(parseAmount('12,50')).toBe(12.5);
    expect(parseAmount(' 7 ')).toBe(7);
    expect(parseAmount('12 EUR')).toBeNaN();
  });

  it('turns two options into the API input, the currency in capitals and an empty message left out', () => {
    const r = offerInput(
      {
        currency: 'eur',
        message: '  ',
        options: [
          { what: ' Refund ', cost: '18,50', wow: false },
          { what: 'Voucher', cost: '42', wow: true },
        ],
      },
      approver,
    );
    expect(r.input).toEqual({
      currency: 'EUR',
      options: [
        { what: 'Refund', cost: 18.5, wow: false },
        { what: 'Voucher', cost: 42, wow: true },
      ],
      approvedBy: approver,
    });
  });

  it('names a negative cost, a missing one and an empty “what” under their option', () => {
    const r = offerInput(
      {
        currency: 'EUR',
        message: '',
        options: [
          { what: 'Credit', cost: '-5', wow: false },
          { what: '', cost: '', wow: false },
        ],
      },
      approver,
    );
    expect(r.problems?.['options.0.cost']).toMatch(/negative/);
    expect(r.problems?.['options.1.cost']).toMatch(/Enter what it costs/);
    expect(r.problems?.['options.1.what']).toBeDefined();
  });

  it('refuses a currency that is not three letters and allows at most three options', () => {
    expect(
      offerInput({ currency: 'euro', message: '', options: [{ what: 'x', cost: '1', wow: false }] }, approver).problems?.currency,
    ).toBeDefined();
    const three = { currency: 'EUR', message: '', options: [1, 2, 3].map(() => ({ what: 'x', cost: '1', wow: false })) };
    expect(canAddOption(three)).toBe(false);
    expect(canAddOption({ ...three, options: three.options.slice(1) })).toBe(true);
  });
});
