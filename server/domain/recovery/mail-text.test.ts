import { describe, expect, it } from 'vitest';
import { cutOffQuotedReply, htmlToText, maxHtmlChars } from './mail-text.ts';

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks, drops head, style and script, decodes entities', () => {
    const html =
      '<html><head><title>Re: order</title><style>p{color:red}</style></head><body>' +
      '<p>Hello,</p><p>The jar was <b>henna</b> &amp; not conditioner.<br>Order&nbsp;A-1001 &#8211; caf&eacute; &#x1F600;</p>' +
      '<script>alert(1)</script><!-- a comment <p>hidden</p> --><ul><li>one</li><li>two</li></ul></body></html>';
    expect(htmlToText(html)).toBe('Hello,\n\nThe jar was henna & not conditioner.\nOrder A-1001 – café 😀\n\n- one\n- two');
  });

  it('writes a blockquote as quoted lines, and table cells side by side', () => {
    expect(htmlToText('<div>Mine</div><blockquote><p>theirs</p><blockquote>older</blockquote></blockquote><div>after</div>')).toBe(
      'Mine\n\n> theirs\n>\n> > older\n\nafter',
    );
    expect(htmlToText('<table><tr><td>Order</td><td>A-1</td></tr><tr><td>Total</td><td>20</td></tr></table>')).toBe('Order A-1\nTotal 20');
  });

  it('leaves unknown entities and stray angle brackets as written, and drops links, images and heading case', () => {
    expect(htmlToText('&bogus; &#0; &lt;3')).toBe('&bogus; \ufffd <3');
    expect(htmlToText('2 < 3 and 4 > 1')).toBe('2 < 3 and 4 > 1');
    expect(htmlToText('<h2>Broken jar</h2><p>See <a href="https://acme.test/o/1">my order</a></p><img src="x.png" alt="photo">')).toBe(
      'Broken jar\n\nSee my order',
    );
  });
});

describe('cutOffQuotedReply', () => {
  const mine = 'Hello,\n\nthe jar was full of henna.\n\nRenée';

  it('cuts the quoted message under an attribution line in English, French and German', () => {
    for (const line of [
      'On Mon, 2 Mar 2026 at 08:00, Acme Shop <shop@acme.test> wrote:',
      'Le lun. 2 mars 2026 à 08:00, Acme Shop <shop@acme.test> a écrit :',
      'Am Mo., 2. März 2026 um 08:00 Uhr schrieb Acme Shop <shop@acme.test>:',
    ]) {
      expect(cutOffQuotedReply(`${mine}\n\n${line}\n> Your order has shipped.\n>\n> Acme`)).toBe(mine);
    }
  });

  it('cuts an attribution wrapped over two lines, and Outlook’s separator with an unquoted old message', () => {
    expect(cutOffQuotedReply(`${mine}\n\nOn Mon, 2 Mar 2026 at 08:00, Acme Shop <\nshop@acme.test> wrote:\n> Shipped.`)).toBe(mine);
    expect(cutOffQuotedReply(`${mine}\r\n\r\n-----Original Message-----\r\nFrom: Acme\r\nSent: Monday\r\n\r\nShipped.`)).toBe(mine);
  });

  it('keeps answers written between quoted lines, and drops only the quotes at the end', () => {
    const inline = 'On Mon, Acme wrote:\n> Was the jar sealed?\nYes, sealed.\n> Which batch?\nB-42.\n> Thanks\n> Acme';
    expect(cutOffQuotedReply(inline)).toBe('On Mon, Acme wrote:\n> Was the jar sealed?\nYes, sealed.\n> Which batch?\nB-42.');
  });

  it('keeps a text that is all quotes whole rather than leave nothing', () => {
    expect(cutOffQuotedReply('> only a quote\n> here')).toBe('> only a quote\n> here');
  });

  it('leaves a text without quotes alone', () => {
    expect(cutOffQuotedReply('On Monday the parcel came open.\nIt wrote: nothing.')).toBe(
      'On Monday the parcel came open.\nIt wrote: nothing.',
    );
  });
});

describe('on hostile input', () => {
  it('takes many attribution-like lines and deep nesting in stride (work and output bounded)', () => {
    const many = 'On Monday Acme wrote:\nnot a quote\n'.repeat(50_000);
    expect(cutOffQuotedReply(many)).toBe(many.trim());
    const started = performance.now();
    const deep = htmlToText('<blockquote><p>x</p>'.repeat(50_000));
    expect(deep.length).toBeLessThan(10_000);
    expect(deep.split('\n').filter((l) => l.startsWith('> > > > > x'))).not.toHaveLength(0);
    expect(deep.split('\n').every((l) => !l.startsWith('> > > > > > '))).toBe(true);
    expect(htmlToText('<a'.repeat(200_000))).toBe('');
    expect(htmlToText('x<!--'.repeat(200_000))).toBe('x');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('reads only the start of a huge HTML part, where the new words are', () => {
    const huge = `<p>The jar broke.</p>${'<div>quoted history</div>'.repeat(maxHtmlChars / 10)}<p>lost at the end</p>`;
    const text = htmlToText(huge);
    expect(text.startsWith('The jar broke.\n\nquoted history')).toBe(true);
    expect(text).not.toContain('lost at the end');
  });
});
