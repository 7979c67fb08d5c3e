import { describe, expect, it } from 'vitest';
import { mayName, staffNamesOf } from './staff-names.ts';

const staff = staffNamesOf([
  { name: 'Zoë Park', email: 'zoe@shop.example' },
  { name: 'José Álvarez', email: 'JA@Shop.example' },
  { name: 'Al Brooks', email: 'al@shop.example' },
  { name: '', email: 'nameless@shop.example' },
]);

describe('whether words could name someone on the staff', () => {
  it('finds a first name in any case and accent, in the reason or a field', () => {
    expect(mayName(staff, 'ZOE was great', {})).toBe(true);
    expect(mayName(staff, 'thanks to jose!', {})).toBe(true);
    expect(mayName(staff, null, { agent: 'Zoë Park' })).toBe(true);
    expect(mayName(staff, 'Al Brooks fixed it', {})).toBe(true); // a short first name, as part of a full name
  });

  it('finds a person picked by address, whatever its case', () => {
    expect(mayName(staff, null, { agent: 'ja@shop.example' })).toBe(true);
    expect(mayName(staff, null, { agent: ' ZOE@SHOP.EXAMPLE ' })).toBe(true);
  });

  it('finds nobody in words that name no one, or only part of a word', () => {
    expect(mayName(staff, 'Quick delivery, friendly driver', { tone: 'good' })).toBe(false);
    expect(mayName(staff, 'Zoetrope parking', {})).toBe(false); // "park" is a last name, "zoetrope" not a first name
    expect(mayName(staff, null, {})).toBe(false);
    expect(mayName(staffNamesOf([]), 'Zoë was great', {})).toBe(false);
  });
});
