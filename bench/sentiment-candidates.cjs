// Candidates for Kept's sentiment analysis, scored on the same labelled sets. Not part of Kept:
// run it in a scratch folder after `npm install --no-save natural vader-sentiment sentiment
// wink-sentiment ml-sentiment` (natural pulls pg, redis and mongoose, one reason it was not chosen):
// node bench/sentiment-candidates.cjs [held-out-]
const fs = require('fs');
const natural = require('natural');
const mls = require('multilang-sentiment');
const vader = require('vader-sentiment');
const Sentiment = require('sentiment');
const afinn = new Sentiment();
const wink = require('wink-sentiment');
const ml = require('ml-sentiment')();
const dir = __dirname + '/sentiment/';
const rows = [];
for (const lang of ['en', 'fr', 'de']) {
  const lines = fs
    .readFileSync(dir + (process.argv[2] || '') + lang + '.tsv', 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  lines.forEach((l, i) => {
    const [label, tags, text] = l.split('\t');
    rows.push({ lang, label: label === 'mixed' ? 'other' : label === 'neutral' ? 'other' : label, tags, text, i });
  });
}
const L = { en: 'English', fr: 'French', de: 'German' };
const an = {};
for (const type of ['afinn', 'senticon', 'pattern'])
  for (const lang of ['en', 'fr', 'de']) {
    try {
      an[type + lang] = new natural.SentimentAnalyzer(L[lang], null, type);
    } catch (e) {}
  }
const tok = {
  en: new natural.WordTokenizer(),
  fr: new natural.AggressiveTokenizerFr(),
  de: new natural.AggressiveTokenizerDe() ? new natural.AggressiveTokenizerDe() : new natural.WordTokenizer(),
};
function lab(s, t) {
  return s > t ? 'pos' : s < -t ? 'neg' : 'other';
}
const cands = {
  'natural afinn (en only)': (r) => (r.lang !== 'en' ? null : lab(an.afinnen.getSentiment(tok.en.tokenize(r.text.toLowerCase())), 0)),
  'natural senticon (en only)': (r) =>
    r.lang !== 'en' ? null : lab(an.senticonen.getSentiment(tok.en.tokenize(r.text.toLowerCase())), 0.05),
  'natural pattern': (r) => {
    const a = an['pattern' + r.lang];
    return lab(a.getSentiment(tok[r.lang].tokenize(r.text.toLowerCase())), 0.02);
  },
  'vader (en only)': (r) => (r.lang !== 'en' ? null : lab(vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound, 0.05)),
  'sentiment AFINN-165 (en only)': (r) => (r.lang !== 'en' ? null : lab(afinn.analyze(r.text).score, 0)),
  'wink-sentiment (en only)': (r) => (r.lang !== 'en' ? null : lab(wink(r.text).normalizedScore, 0)),
  'ml-sentiment (en, de)': (r) => (r.lang === 'fr' ? null : lab(ml.classify(r.text), 0)),
};
function metrics(pairs) {
  const cls = ['pos', 'neg', 'other'];
  let ok = 0;
  for (const [p, g] of pairs) if (p === g) ok++;
  const f1s = cls.map((c) => {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const [p, g] of pairs) {
      if (p === c && g === c) tp++;
      else if (p === c) fp++;
      else if (g === c) fn++;
    }
    const pr = tp / (tp + fp || 1),
      re = tp / (tp + fn || 1);
    return pr + re ? (2 * pr * re) / (pr + re) : 0;
  });
  return { n: pairs.length, acc: ok / pairs.length, f1: f1s.reduce((a, b) => a + b) / 3 };
}
for (const [name, f] of Object.entries(cands)) {
  const out = [];
  for (const lang of ['en', 'fr', 'de']) {
    const pairs = rows
      .filter((r) => r.lang === lang)
      .map((r) => [f(r), r.label])
      .filter((p) => p[0] !== null);
    if (!pairs.length) {
      out.push(`${lang}: —`);
      continue;
    }
    const m = metrics(pairs);
    out.push(`${lang}: acc ${(m.acc * 100).toFixed(0)}% F1 ${m.f1.toFixed(2)}`);
  }
  const sar = rows
    .filter((r) => r.tags === 'sarcasm')
    .map((r) => [f(r), r.label])
    .filter((p) => p[0] !== null);
  const s = sar.length ? metrics(sar).acc : NaN;
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (let k = 0; k < 3; k++)
    for (const r of rows) {
      if (f(r) !== null) n++;
    }
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(name.padEnd(40), out.join(' | '), `| sarcasm acc ${(s * 100).toFixed(0)}% | ${(n / dt).toFixed(0)}/s`);
}
