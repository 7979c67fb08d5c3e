// The frame of every public page customers see: server-rendered HTML with its CSS inline and
// no script at all, mobile first, in the customer's language. Colours meet WCAG AA contrast
// (the brand colour carries text only in black or white, whichever reads better on it) and
// every control shows a visible focus ring.
import { brandColours, escapeHtml } from '../../domain/one-voice/mails.ts';
import { poweredByLine } from '../../domain/one-voice/mail-frame.ts';

export const e = escapeHtml;

const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur']);

const css = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f3f4f6;color:#111827;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:42rem;margin:0 auto;padding:.75rem}
.card{background:#fff;border-top:.375rem solid var(--brand);border-radius:.5rem;padding:1.25rem 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.brand{display:flex;align-items:center;gap:.75rem;margin:0 0 1.25rem;font-weight:700;color:#374151}
.brand img{display:block;max-height:2.5rem;max-width:100%;width:auto;height:auto}
h1{font-size:1.25rem;line-height:1.35;margin:0 0 1rem}
p{margin:0 0 1rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{padding:0;margin:0 0 .75rem;font-weight:700;width:100%}
legend h1{margin:0}
.scale{display:grid;grid-template-columns:repeat(var(--cols),minmax(0,1fr));gap:.375rem}
.k5{--cols:5}.k7{--cols:7}.k11{--cols:6}
.opt{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.125rem;min-height:3.25rem;padding:.25rem 0;border:1px solid #6b7280;border-radius:.375rem;background:#fff;color:#111827;font-weight:700;cursor:pointer}
.opt input{margin:0;width:1.125rem;height:1.125rem;accent-color:#111827}
.opt:has(input:checked){background:var(--brand);color:var(--on-brand);border-color:#111827;box-shadow:inset 0 0 0 1px #111827}
.opt:has(input:checked) input{accent-color:var(--on-brand)}
.anchors{display:flex;justify-content:space-between;gap:1rem;margin:.5rem 0 0;font-size:.875rem;color:#374151}
.anchors span:last-child{text-align:right}
.choices label{display:flex;align-items:center;gap:.625rem;min-height:2.75rem;padding:.5rem .75rem;margin:0 0 .5rem;border:1px solid #6b7280;border-radius:.375rem;cursor:pointer}
.choices input{margin:0;width:1.125rem;height:1.125rem;flex:none;accent-color:#111827}
.field{margin:0 0 1.5rem}
.field>label{display:block;font-weight:700;margin:0 0 .5rem}
.hint{font-weight:400;color:#4b5563}
input[type=text],input[type=email],input[type=date],input[type=time]{display:block;width:100%;min-height:2.75rem;padding:.5rem .625rem;font:inherit;color:#111827;background:#fff;border:1px solid #6b7280;border-radius:.375rem}
p.hint{margin:-.25rem 0 .5rem}
.when{display:flex;flex-wrap:wrap;gap:0 1rem}.when .field{flex:1 1 10rem}
.field input[aria-invalid=true],.field textarea[aria-invalid=true]{border:2px solid #b91c1c}
textarea{display:block;width:100%;min-height:6rem;padding:.5rem .625rem;font:inherit;color:#111827;background:#fff;border:1px solid #6b7280;border-radius:.375rem;resize:vertical}
button{display:block;width:100%;min-height:3rem;padding:.75rem 1.5rem;font:inherit;font-weight:700;background:var(--brand);color:var(--on-brand);border:2px solid #111827;border-radius:.375rem;cursor:pointer}
a{color:#1d4ed8}
:focus-visible{outline:3px solid #111827;outline-offset:2px}
.opt:has(input:focus-visible){outline:3px solid #111827;outline-offset:2px}
button:focus-visible{outline-offset:3px;box-shadow:0 0 0 2px #fff inset}
.notice{padding:.75rem 1rem;margin:0 0 1.25rem;border-left:.25rem solid #1d4ed8;background:#eff6ff;color:#1e3a8a;border-radius:.25rem}
.errors{padding:.75rem 1rem;margin:0 0 1.25rem;border:2px solid #b91c1c;background:#fef2f2;color:#7f1d1d;border-radius:.375rem}
.errors p{margin:0 0 .25rem;font-weight:700}
.errors ul{margin:0;padding-left:1.25rem}
.field-error{color:#b91c1c;font-weight:700;margin:.5rem 0 0}
.vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.powered{margin:.75rem 0 0;text-align:center;font-size:.8125rem;color:#4b5563}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
@media (min-width:36rem){main{padding:2rem 1rem}.k11{--cols:11}.card{padding:2rem}h1{font-size:1.5rem}button{display:inline-block;width:auto}}
@media (forced-colors:active){.opt:has(input:checked){outline:3px solid CanvasText}}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}`;

export interface PageBrand {
  name?: string;
  colour?: string;
  logoUrl?: string;
  /** The workspace chose to show "Powered by Kept" at the foot (off by default). */
  poweredBy?: boolean;
}

/** A page's brand from the company profile. */
export const brandOf = (v: { companyName: string; brandColour: string | null; logoUrl: string | null; poweredBy: boolean }): PageBrand => ({
  name: v.companyName,
  colour: v.brandColour ?? undefined,
  logoUrl: v.logoUrl ?? undefined,
  poweredBy: v.poweredBy,
});

/** A whole page: `body` is HTML already escaped, `title` is text. */
export function layout(o: { lang: string; title: string; body: string; brand?: PageBrand }): string {
  const lang = o.lang.split('-')[0]!;
  const colours = brandColours(o.brand?.colour);
  const brand = o.brand?.logoUrl
    ? `<div class="brand"><img src="${e(o.brand.logoUrl)}" alt="${e(o.brand.name ?? '')}"></div>`
    : o.brand?.name
      ? `<div class="brand">${e(o.brand.name)}</div>`
      : '';
  return `<!doctype html>
<html lang="${e(o.lang)}"${rtlLanguages.has(lang) ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${e(o.title)}</title>
<style>:root{--brand:${colours.background};--on-brand:${colours.foreground}}
${css}</style>
</head>
<body>
<main>
<div class="card">
${brand}${o.body}
</div>
${o.brand?.poweredBy ? `<p class="powered">${e(poweredByLine)}</p>` : ''}
</main>
</body>
</html>
`;
}

/** Headers of every public page: nothing cached, nothing indexed, no script, no framing. */
export const pageHeaders: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

/** A page with a heading, a message and optionally more HTML (a form, a link). */
export function messagePage(o: { lang: string; title: string; message: string; extra?: string; brand?: PageBrand }): string {
  return layout({
    lang: o.lang,
    title: o.title,
    brand: o.brand,
    body: `<h1>${e(o.title)}</h1>\n<p>${e(o.message)}</p>${o.extra ?? ''}`,
  });
}
