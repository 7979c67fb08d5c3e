// The customer's own words from an e-mail: plain text from an HTML part (postal-mime gives the
// HTML of an HTML-only message as it is), and the quoted earlier message of a reply cut off, so a
// complaint reads as what the customer wrote now. Pure functions, no dependency.

// HTML 4's Latin-1 entities, U+00A0..U+00FF in order, plus the common punctuation ones.
const latin1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para ' +
  'middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute ' +
  'Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute ' +
  'THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ' +
  'ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const entities = new Map<string, string>([
  ...latin1.split(' ').map((name, i): [string, string] => [name, String.fromCodePoint(0xa0 + i)]),
  ...Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    euro: '€',
    ndash: '–',
    mdash: '—',
    lsquo: '‘',
    rsquo: '’',
    sbquo: '‚',
    ldquo: '“',
    rdquo: '”',
    bdquo: '„',
    hellip: '…',
    bull: '•',
    trade: '™',
    OElig: 'Œ',
    oelig: 'œ',
  }),
]);

/** Decodes character references; an unknown name stays as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi, (m, ref: string) => {
    if (ref[0] !== '#') return entities.get(ref) ?? m;
    const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
  });
}

const skipped = new Set(['head', 'script', 'style', 'title', 'template', 'svg', 'noscript']);
// Elements that stand apart as paragraphs (a blank line around them); others only end a line.
const paragraphs = new Set(['p', 'blockquote', 'ul', 'ol', 'table', 'pre', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const lineEnds = new Set(['div', 'li', 'tr', 'section', 'article', 'header', 'footer', 'address', 'center']);

/** The HTML without <!-- comments --> (an unclosed one runs to the end), in one pass. */
function withoutComments(html: string): string {
  let out = '';
  let at = 0;
  for (let open = html.indexOf('<!--'); open !== -1; open = html.indexOf('<!--', at)) {
    out += html.slice(at, open);
    const close = html.indexOf('-->', open + 4);
    if (close === -1) return out;
    at = close + 3;
  }
  return out + html.slice(at);
}

/**
 * The text of an HTML body: paragraphs and line breaks kept, everything in <head>, <script> and
 * <style> dropped, and a <blockquote> (how mail clients quote) written as "> " lines, like a
 * plain-text reply, so cutOffQuotedReply treats both alike.
 */
export function htmlToText(html: string): string {
  const lines: { depth: number; text: string }[] = [{ depth: 0, text: '' }];
  let depth = 0;
  let skip = '';
  const current = () => lines.at(-1)!;
  const endLine = () => {
    if (current().text) lines.push({ depth, text: '' });
    else current().depth = depth;
  };
  const paragraph = () => {
    endLine();
    if (lines.at(-2)?.text) lines.push({ depth, text: '' }); // the one before stays as a blank line
  };
  // A tag may not contain '<', so a stray '<' ends the search for its '>' (linear, not quadratic).
  const tokens = withoutComments(html).split(/(<\/?[a-zA-Z][^<>]*>)/);
  for (const [i, token] of tokens.entries()) {
    // split() with a capturing group puts the tags at the odd positions.
    const tag = i % 2 ? /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(token) : null;
    if (!tag) {
      if (skip) continue;
      const text = decodeEntities(token.replace(/\s+/g, ' ')).replaceAll('\u00a0', ' ');
      current().text += current().text ? text : text.trimStart();
      continue;
    }
    const [, close, rawName] = tag;
    const name = rawName!.toLowerCase();
    if (skip) {
      if (close && name === skip) skip = '';
      continue;
    }
    if (skipped.has(name) && !close && !token.endsWith('/>')) skip = name;
    else if (name === 'br') lines.push({ depth, text: '' });
    else if (name === 'td' || name === 'th') {
      if (!close && current().text) current().text += ' ';
    } else if (paragraphs.has(name)) {
      if (name === 'blockquote') depth = Math.max(0, depth + (close ? -1 : 1));
      paragraph();
    } else if (lineEnds.has(name)) {
      endLine();
      if (name === 'li' && !close) current().text = '- ';
    }
  }
  return (
    lines
      // At most 5 levels of "> ": deeper nesting says nothing more, and unbounded it would make
      // the text grow with the square of a hostile message's size.
      .map((l) => (l.text.trim() ? '> '.repeat(Math.min(l.depth, 5)) + l.text.trimEnd() : ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
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
