import { describe, expect, it } from 'vitest';
import { mentionsOf } from './recognition.ts';
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

describe('the pre-test stands in front of the matcher', () => {
  // Whatever mentionsOf (recognition.ts, with praise.ts findPraise) would find, mayName must let
  // through: a check it drops is praise that reaches no one.
  const people = [
    { name: 'Zoë Park', email: 'zoe@shop.example' },
    { name: 'José Álvarez', email: 'ja@shop.example' },
    { name: 'Al Brooks', email: 'al@shop.example' },
    { name: 'Anne-Marie Duval', email: 'amd@shop.example' },
    { name: 'Zoe Lind', email: 'zl@shop.example' },
  ].map((p, i) => ({ ...p, id: `00000000-0000-7000-8000-00000000000${i}`, role: 'agent' as const, departmentIds: [] }));
  const names = staffNamesOf(people);
  const answers: { reason: string; answers?: Record<string, string>; score?: number }[] = [
    { reason: 'Zoë was wonderful, thank you!' },
    { reason: 'Thanks to JOSE ALVAREZ for the quick refund.' },
    { reason: 'Al Brooks fixed it in minutes.' },
    { reason: 'Anne-Marie explained everything. Great service!' },
    { reason: 'Great help from Zoe.' }, // two Zoes: waits for a person, still a mention
    { reason: '', answers: { agent: 'ja@shop.example' } },
    { reason: 'Good', answers: { agent: 'Zoë Park' } },
    { reason: 'Merci à José, très aimable.', score: 9 },
  ];
  it.each(answers)('lets through what the matcher finds: %j', ({ reason, answers: fields = {}, score = 10 }) => {
    const src = {
      kind: 'answer' as const,
      id: 'a',
      customerId: null,
      text: [reason, ...Object.values(fields)].filter(Boolean).join('\n'),
      surveyKind: 'nps' as const,
      score,
      picks: Object.values(fields),
    };
    expect(mentionsOf(src, people).length).toBeGreaterThan(0);
    expect(mayName(names, reason, fields)).toBe(true);
  });
});
