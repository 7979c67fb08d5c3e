import { describe, expect, it } from 'vitest';
import { findPraise, fold, scoreSignal } from './praise.ts';

const staff = [
  { id: 'zoe', name: 'Zoë Müller' },
  { id: 'jose', name: 'José Álvarez' },
  { id: 'ana-s', name: 'Ana Silva' },
  { id: 'ana-c', name: 'Ana Costa' },
  { id: 'al', name: 'Al Brook' },
];

describe('finding praise', () => {
  it('folds case and diacritics both ways', () => {
    expect(fold('Zoë MÜLLER')).toBe('zoe muller');
    expect(findPraise('zoe was wonderful', 'none', staff)).toMatchObject([{ matched: 'zoe', candidateIds: ['zoe'] }]);
    expect(findPraise('Thanks to JOSE for the refund', 'none', staff)).toMatchObject([{ matched: 'jose', candidateIds: ['jose'] }]);
  });

  it('matches whole words only', () => {
    expect(findPraise('Thanks, the josefina blend was great; zoetrope too', 'positive', staff)).toEqual([]);
  });

  it('needs words of thanks without a positive score, and takes any mention with one', () => {
    expect(findPraise('José called me back.', 'none', staff)).toEqual([]);
    expect(findPraise('José called me back.', 'passive', staff)).toEqual([]);
    expect(findPraise('José called me back.', 'positive', staff)).toHaveLength(1);
    expect(findPraise('Merci à José !', 'none', staff)).toHaveLength(1);
    expect(findPraise('Danke an Zoë.', 'passive', staff)).toHaveLength(1);
  });

  it('never praises on a negative score or in a negative sentence', () => {
    expect(findPraise('Thanks José', 'negative', staff)).toEqual([]);
    expect(findPraise('Thanks for nothing, José.', 'none', staff)).toEqual([]);
    expect(findPraise('José was rude. Zoë was great!', 'positive', staff)).toMatchObject([{ matched: 'zoe' }]);
  });

  it('leaves a first name that fits two people ambiguous, and a full name decides', () => {
    expect(findPraise('Thank you Ana!', 'none', staff)).toMatchObject([{ matched: 'ana', candidateIds: ['ana-s', 'ana-c'] }]);
    expect(findPraise('Thank you Ana Costa!', 'none', staff)).toEqual([
      { matched: 'ana costa', sentence: 'Thank you Ana Costa!', candidateIds: ['ana-c'] },
    ]);
  });

  it('does not match first names shorter than three letters alone', () => {
    expect(findPraise('Thanks Al', 'positive', staff)).toEqual([]);
    expect(findPraise('Thanks Al Brook', 'positive', staff)).toMatchObject([{ candidateIds: ['al'] }]);
  });

  it('reads a score by its kind', () => {
    expect([scoreSignal('nps', 9), scoreSignal('nps', 7), scoreSignal('nps', 6)]).toEqual(['positive', 'passive', 'negative']);
    expect([scoreSignal('csat', 4), scoreSignal('csat', 3), scoreSignal('ces', 5), scoreSignal(null, null)]).toEqual([
      'positive',
      'negative',
      'positive',
      'none',
    ]);
  });
});
