// npm run bench:sentiment [-- --errors] [--set labelled|held-out]
// Scores Kept's sentiment analyser against the labelled comments in bench/sentiment/*.tsv
// (label, tags, text; written by hand in English, French and German, with negation, sarcasm and
// mixed feelings) and measures its throughput. Classes: positive, negative, other (mixed or
// neutral); accuracy and macro-F1 per language and per tag.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyseSentiment } from '../server/domain/measurement/sentiment/analyse.ts';
import { LANGUAGES, type Language } from '../server/domain/measurement/sentiment/words.ts';

const { values: flags } = parseArgs({
  options: { errors: { type: 'boolean', default: false }, set: { type: 'string', default: 'labelled' } },
});
type Class = 'positive' | 'negative' | 'other';
interface Item {
  language: Language;
  expected: Class;
  tag: string;
  text: string;
}

export function loadSet(set: string): Item[] {
  const items: Item[] = [];
  for (const language of LANGUAGES) {
    const file = new URL(`./sentiment/${set === 'labelled' ? '' : `${set}-`}${language}.tsv`, import.meta.url);
    for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const [label, tag, text] = line.split('\t');
      const expected: Class = label === 'pos' ? 'positive' : label === 'neg' ? 'negative' : 'other';
      items.push({ language, expected, tag: tag!, text: text! });
    }
  }
  return items;
}

const asClass = (label: string): Class => (label === 'positive' || label === 'negative' ? label : 'other');

function score(pairs: [Class, Class][]) {
  const classes: Class[] = ['positive', 'negative', 'other'];
  const correct = pairs.filter(([p, e]) => p === e).length;
  const f1 = classes.map((c) => {
    const tp = pairs.filter(([p, e]) => p === c && e === c).length;
    const fp = pairs.filter(([p, e]) => p === c && e !== c).length;
    const fn = pairs.filter(([p, e]) => p !== c && e === c).length;
    const precision = tp / (tp + fp || 1);
    const recall = tp / (tp + fn || 1);
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  });
  return { n: pairs.length, accuracy: correct / pairs.length, f1: f1.reduce((a, b) => a + b, 0) / classes.length };
}

const items = loadSet(flags.set!);
const predicted = items.map((i) => asClass(analyseSentiment(i.text, i.language).label));
const rows: string[][] = [['slice', 'n', 'accuracy', 'macro-F1']];
const add = (name: string, pick: (i: Item) => boolean) => {
  const pairs = items.flatMap((i, k) => (pick(i) ? [[predicted[k]!, i.expected] as [Class, Class]] : []));
  if (!pairs.length) return;
  const s = score(pairs);
  rows.push([name, String(s.n), `${(s.accuracy * 100).toFixed(1)} %`, s.f1.toFixed(2)]);
};
for (const language of LANGUAGES) add(language, (i) => i.language === language);
for (const tag of ['plain', 'negation', 'sarcasm', 'mixed']) add(`tag: ${tag}`, (i) => i.tag === tag);
add('all', () => true);

const texts = items.map((i) => i.text);
const rounds = 200;
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const t of texts) analyseSentiment(t);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => (c ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '));
console.log(`throughput: ${Math.round((rounds * texts.length) / seconds).toLocaleString('en')} comments/s (language detected, one core)`);
if (flags.errors) {
  items.forEach((i, k) => {
    if (predicted[k] !== i.expected)
      console.log(
        `${i.language} ${i.tag} expected ${i.expected} got ${predicted[k]} (${analyseSentiment(i.text, i.language).score}): ${i.text}`,
      );
  });
}
