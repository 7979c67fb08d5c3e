// The customer's own words from an e-mail: plain text from an HTML part (postal-mime gives the
// HTML of an HTML-only message as it is), converted by html-to-text, and the quoted earlier
// message of a reply cut off, so a complaint reads as what the customer wrote now.
import { createRequire } from 'node:module';
import type { FormatCallback } from 'html-to-text';

// Loaded on first use (a complaint mail with only an HTML part), not at start: the package and its
// parser are ~40 ms that `kept start` and every CLI command would pay. Its CommonJS build, so that
// htmlToText stays synchronous.
const require = createRequire(import.meta.url);

/**
 * Only the start of an HTML part is read: the customer's new words come first, and the parser's
 * work grows with the square of a hostile message's nesting (about half a second at this size).
 */
export const maxHtmlChars = 256 * 1024;

/** A table cell: its text after a space, so a row reads as one line ("Order A-1"). */
const cell: FormatCallback = (elem, walk, builder) => {
  builder.addInline(' ');
  walk(elem.children ?? [], builder);
};

/** Compiled on first use too (another ~20 ms). */
let compiled: ((html: string) => string) | undefined;
const convert = (html: string) => (compiled ??= compileConverter())(html);

const compileConverter = () =>
  (require('html-to-text') as typeof import('html-to-text')).compile({
    wordwrap: false,
    // Deeper elements are not walked (their text is left out): nesting says nothing more past this.
    limits: { maxDepth: 40 },
    formatters: { cell },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'ul', options: { itemPrefix: '- ' } },
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
      { selector: 'td', format: 'cell' },
      { selector: 'th', format: 'cell' },
      ...['head', 'script', 'style', 'title', 'template', 'svg', 'noscript'].map((selector) => ({ selector, format: 'skip' })),
    ],
  });

/**
 * The text of an HTML body: paragraphs and line breaks kept, everything in <head>, <script> and
 * <style> dropped, and a <blockquote> (how mail clients quote) written as "> " lines, like a
 * plain-text reply, so cutOffQuotedReply treats both alike (at most 5 levels of "> ").
 */
export function htmlToText(html: string): string {
  return convert(html.slice(0, maxHtmlChars))
    .replaceAll('\u00a0', ' ')
    .split('\n')
    .map((line) => line.replace(/^(?:> ?){6,}/, '> > > > > ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// The line a mail client writes above a quoted message, in English, French and German, and the
// separators Outlook and others put above a forwarded or replied-to message.
const attribution = [/^On\b.{0,300}\bwrote:$/i, /^Le\b.{0,300}\ba écrit\s?:$/i, /^Am\b.{0,300}\bschrieb\b.{0,300}:$/i];
const separator =
  /^(-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Weitergeleitete Nachricht|Message transféré)\s*-{2,}|_{10,})$/i;
const quoted = (line: string) => /^\s*>/.test(line);
const blank = (line: string) => line.trim() === '';

/**
 * The customer's new text of a reply: cuts the quoted earlier message off the end. A separator
 * line (-----Original Message-----) or an attribution ("On Mon, ... wrote:", also wrapped over two
 * lines) followed only by quoted lines ends the text; otherwise quoted lines at the end are
 * dropped. Inline answers between quoted lines are kept. Text that would be left empty stays whole.
 */
export function cutOffQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // quotesFrom[i]: every line from i on is quoted or blank (computed once: linear in the text).
  const quotesFrom: boolean[] = new Array(lines.length + 1).fill(true);
  for (let i = lines.length - 1; i >= 0; i--) quotesFrom[i] = quotesFrom[i + 1]! && (quoted(lines[i]!) || blank(lines[i]!));
  const onlyQuotesAfter = (i: number) => quotesFrom[Math.min(i, lines.length)]!;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (separator.test(line)) {
      end = i;
      break;
    }
    const two = `${line} ${lines[i + 1]?.trim() ?? ''}`;
    const span = attribution.some((r) => r.test(line)) ? 1 : attribution.some((r) => r.test(two)) ? 2 : 0;
    if (span && onlyQuotesAfter(i + span)) {
      end = i;
      break;
    }
  }
  while (end > 0 && (quoted(lines[end - 1]!) || blank(lines[end - 1]!))) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || text.trim();
}
