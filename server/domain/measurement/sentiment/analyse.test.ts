// The analyser on sentences of each rule it names, and on the labelled sets in bench/sentiment/
// as a floor against regressions (the figures themselves are printed by `npm run bench:sentiment`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseSentiment, detectLanguage } from './analyse.ts';
import { stemTerm, termsForWord, termsOf } from './terms.ts';

const label = (text: string, lang?: 'en' | 'fr' | 'de') => analyseSentiment(text, lang).label;

describe('sentiment', () => {
  it('reads plain praise and blame in three languages', () => {
    expect(label('Great service, friendly staff, I will order again.')).toBe('positive');
    expect(label('Livraison rapide et colis très bien emballé, merci !')).toBe('positive');
    expect(label('Hervorragender Service, ich empfehle Sie gerne weiter.')).toBe('positive');
    expect(label('Terrible service, I waited three weeks for a refund.')).toBe('negative');
    expect(label('Service déplorable, j’attends mon remboursement depuis trois semaines.')).toBe('negative');
    expect(label('Miserabler Service, ich warte seit drei Wochen auf meine Erstattung.')).toBe('negative');
  });

  it('turns negated words around, forwards and (fr, de) at the end of a clause', () => {
    expect(label('I am not happy at all with the repair.')).toBe('negative');
    expect(label('Not bad at all, actually quite impressive.')).toBe('positive');
    expect(label('Je ne suis pas satisfait.', 'fr')).toBe('negative');
    expect(label('Ich bin nicht zufrieden.', 'de')).toBe('negative');
    expect(label('Ich bereue meine Wahl nicht.', 'de')).toBe('positive');
  });

  it('keeps the sign of a negated comparison: "never had a better…"', () => {
    expect(label('Never had a better experience with a delivery company.')).toBe('positive');
  });

  it('hears sarcasm: thanks for nothing, and praise opening a sentence about a failure', () => {
    expect(label('Thank you for nothing.')).toBe('negative');
    expect(label('Merci pour rien.')).toBe('negative');
    expect(label('Danke für nichts.')).toBe('negative');
    expect(label('Wonderful, charged twice again. Well done.')).toBe('negative');
  });

  it('calls balanced praise and blame mixed, and a request neutral', () => {
    expect(label('The agent was lovely, the policy is awful.')).toBe('mixed');
    expect(label('Please send the invoice to my work address.')).toBe('neutral');
  });

  it('tells the language by its common words', () => {
    expect(detectLanguage('Le colis est arrivé cassé et personne ne répond.')).toBe('fr');
    expect(detectLanguage('Das Paket kam kaputt an und niemand geht ans Telefon.')).toBe('de');
    expect(detectLanguage('The parcel arrived broken.')).toBe('en');
  });

  it('scores at least its floor on the labelled set and on the held-out set', () => {
    const accuracy = (prefix: string) => {
      let ok = 0;
      let n = 0;
      for (const lang of ['en', 'fr', 'de'] as const) {
        const lines = readFileSync(new URL(`../../../../bench/sentiment/${prefix}${lang}.tsv`, import.meta.url), 'utf8')
          .trim()
          .split('\n')
          .slice(1);
        for (const line of lines) {
          const [want, , text] = line.split('\t');
          const got = analyseSentiment(text!, lang).label;
          const cls = (l: string) => (l === 'positive' || l === 'pos' ? 'p' : l === 'negative' || l === 'neg' ? 'n' : 'o');
          n++;
          if (cls(got) === cls(want!)) ok++;
        }
      }
      return { ok, n, accuracy: ok / n };
    };
    const labelled = accuracy('');
    const heldOut = accuracy('held-out-');
    expect(labelled.n).toBeGreaterThanOrEqual(300);
    expect(labelled.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(heldOut.accuracy).toBeGreaterThanOrEqual(0.5);
  });
});

describe('terms', () => {
  it('meets plural, case endings and accents, and leaves stopwords out', () => {
    expect(termsOf('The deliveries were late; one delivery never came', 'en')).toEqual(expect.arrayContaining(['delivery', 'late']));
    expect(termsOf('The deliveries were late', 'en')).not.toContain('the');
    expect(stemTerm('Pakete', 'de')).toBe(stemTerm('Paket', 'de'));
    expect(stemTerm('livraisons', 'fr')).toBe('livraison');
    expect(stemTerm('Rückerstattung', 'de')).toBe('ruckerstattung');
    expect(termsForWord('Lieferungen')).toContain('lieferung');
  });
});
