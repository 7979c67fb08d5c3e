// widget.js: the survey prompt a customer's site embeds with one script tag.
//
//   <script src="https://kept.example/widget.js" data-workspace="default" data-survey="<survey id>"
//     data-customer="<externalId>" data-signature="<hex HMAC-SHA256(widget secret, externalId)>" async></script>
//
// Optional: data-locale (else the browser's language) and data-delay (ms before asking).
// It asks Kept whether to show this customer the survey now, draws the card in a shadow root
// (its styles cannot leak out, the page's cannot leak in), and posts the answer. It never throws
// into the page: every step is caught, and its only global is window.KeptWidget.
// Plain DOM, no framework: the whole file must stay under 6 KB gzipped (see widget/build.ts).

interface Texts {
  question: string;
  lowLabel: string;
  highLabel: string;
  reasonQuestion: string;
  submit: string;
  thankYou: string;
  dismiss: string;
}
interface Prompt {
  show: boolean;
  token?: string;
  min?: number;
  max?: number;
  locale?: string;
  texts?: Partial<Texts>;
  askReason?: boolean;
  colour?: string;
}

// :host rules marked !important beat the page's own rules for the host element (an important
// declaration from inside a shadow tree wins over one from outside), so `* { ... }` or
// `body > * { ... }` on the page cannot move, hide or restyle the card, nor pass it inherited values.
const css =
  ':host{all:initial!important;position:fixed!important;right:16px!important;bottom:16px!important;' +
  'z-index:2147483647!important;max-width:calc(100vw - 32px)!important}' +
  '*{box-sizing:border-box}[hidden]{display:none!important}' +
  'aside{position:relative;width:380px;max-width:100%;padding:16px;background:#fff;color:#1a1a1a;' +
  'font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;border:1px solid #c4c4c4;' +
  'border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.18)}' +
  'p{margin:0}#q{margin:0 28px 12px 0;font-weight:600}' +
  'button,textarea{font:inherit;color:inherit;margin:0}' +
  'button{cursor:pointer;background:#fff;border:1px solid #767676;border-radius:6px}' +
  'button:focus-visible,textarea:focus-visible{outline:2px solid #1a1a1a;outline-offset:2px}' +
  '.s{display:flex;gap:4px}.s button{flex:1 1 0;min-width:0;height:36px;padding:0}' +
  '@media(max-width:400px){aside{padding:12px}.s{gap:2px}}' +
  '.s [aria-checked=true],.b{background:var(--c);color:var(--t);border-color:var(--c)}' +
  '.a{display:flex;justify-content:space-between;gap:8px;margin-top:6px;font-size:12px;color:#555}' +
  'label{display:block;margin-top:12px}' +
  'textarea{display:block;width:100%;margin-top:4px;padding:6px 8px;border:1px solid #767676;border-radius:6px;resize:vertical}' +
  '.b{margin-top:12px;padding:8px 16px;font-weight:600}.b:disabled{opacity:.55;cursor:default}' +
  '.x{position:absolute;top:8px;right:8px;width:28px;height:28px;border:0;font-size:20px;line-height:1;color:#555}' +
  '.m{margin-right:28px}.m:not(:empty){margin-top:8px}[hidden]+.m{margin-top:0!important}.e{color:#b3261e}';

((w: Window & { KeptWidget?: object }) => {
  try {
    if (w.KeptWidget) return; // loaded twice: the first copy does the work
    const script = (document.currentScript || document.querySelector('script[data-survey]')) as HTMLScriptElement | null;
    if (!script) return;
    let close = () => {};
    w.KeptWidget = { version: 1, close: () => close() };
    const data = script.dataset;
    const origin = new URL(script.src).origin;

    const post = (path: string, body: object): Promise<any> =>
      fetch(origin + path, {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
        .catch(() => {
          throw new Error('Could not reach the server. Please try again.');
        })
        .then((res) =>
          res
            .json()
            .catch(() => ({}))
            .then((json: any) => {
              if (!res.ok) throw new Error((json && json.error && json.error.message) || 'HTTP ' + res.status);
              return json;
            }),
        );

    const ask = () => {
      try {
        post('/api/public/widget/prompt', {
          workspace: data.workspace,
          surveyId: data.survey,
          externalId: data.customer,
          signature: data.signature,
          locale: data.locale || navigator.language,
        })
          .then((p: Prompt) => {
            if (p && p.show && p.token) draw(p);
          })
          .catch((err: Error) => console.warn('Kept widget:', err.message));
      } catch {
        // never into the page
      }
    };

    // A handler that cannot throw into the page.
    const safe =
      <E extends Event>(fn: (e: E) => void) =>
      (e: E) => {
        try {
          fn(e);
        } catch {
          // ignore
        }
      };
    const h = (tag: string, attrs: Record<string, string | number> = {}, ...kids: (Node | string)[]) => {
      const el = document.createElement(tag);
      for (const k in attrs) el.setAttribute(k, String(attrs[k]));
      el.append(...kids);
      return el;
    };

    const draw = (p: Prompt) => {
      const t = p.texts || {};
      const min = p.min || 0;
      const max = p.max == null ? 10 : p.max;
      const locale = p.locale && /^[a-z]{2}(-[A-Z]{2})?$/.test(p.locale) ? p.locale : undefined;
      const colour = p.colour && /^#[0-9a-f]{6}$/i.test(p.colour) ? p.colour : '#1f4fbf';
      // Black or white text on the brand colour, whichever contrasts more (WCAG relative luminance).
      const lum = [1, 3, 5]
        .map((i) => parseInt(colour.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);

      const host = h('kept-widget');
      const root = host.attachShadow({ mode: 'open' });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet]; // not subject to the page's style-src CSP
      } catch {
        root.append(h('style', {}, css));
      }

      let score: number | undefined;
      let busy = false;
      const radios: HTMLElement[] = [];
      const group = h('div', { class: 's', role: 'radiogroup', 'aria-labelledby': 'q', 'aria-describedby': 'lo hi' });
      const submit = h('button', { class: 'b', type: 'submit', disabled: '' }, t.submit || 'Send') as HTMLButtonElement;
      const reason = h('textarea', { id: 'r', rows: 3, maxlength: 5000 }) as HTMLTextAreaElement;
      const reasonBox = h('div', { hidden: '' }, h('label', { for: 'r' }, t.reasonQuestion || ''), reason);
      const message = h('p', { class: 'm', role: 'status', 'aria-live': 'polite' });
      const dismiss = h('button', { class: 'x', type: 'button', 'aria-label': t.dismiss || 'Close' }, '\u00d7');
      const form = h(
        'form',
        {},
        h('p', { id: 'q' }, t.question || ''),
        group,
        h('div', { class: 'a' }, h('span', { id: 'lo' }, t.lowLabel || ''), h('span', { id: 'hi' }, t.highLabel || '')),
        reasonBox,
        submit,
      );
      const card = h('aside', { 'aria-labelledby': 'q' }, form, message, dismiss); // the question is read first
      card.style.setProperty('--c', colour); // CSSOM, not a style attribute: allowed under a strict CSP
      card.style.setProperty('--t', lum > 0.179 ? '#000' : '#fff');
      if (locale) card.setAttribute('lang', locale);

      const focusAt = (i: number) => {
        radios.forEach((r, j) => r.setAttribute('tabindex', j === i ? '0' : '-1'));
        radios[i]!.focus();
      };
      const choose = (i: number) => {
        score = min + i;
        radios.forEach((r, j) => r.setAttribute('aria-checked', String(j === i)));
        focusAt(i);
        submit.disabled = false;
        reasonBox.hidden = !p.askReason;
      };
      for (let v = min; v <= max; v++) {
        const i = v - min;
        const radio = h('button', { type: 'button', role: 'radio', 'aria-checked': 'false', tabindex: i ? -1 : 0 }, String(v));
        radio.addEventListener(
          'click',
          safe(() => choose(i)),
        ); // Enter and Space click a button
        radios.push(radio);
        group.append(radio);
      }
      group.addEventListener(
        'keydown',
        safe((e: KeyboardEvent) => {
          const i = radios.indexOf(e.target as HTMLElement);
          const last = radios.length - 1;
          const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: last }[e.key];
          if (i < 0 || to === undefined) return;
          e.preventDefault();
          focusAt(to < 0 ? last : to > last ? 0 : to);
        }),
      );

      close = () => {
        host.remove();
        close = () => {};
      };
      dismiss.addEventListener('click', safe(close));
      card.addEventListener(
        'keydown',
        safe((e: KeyboardEvent) => {
          if (e.key === 'Escape') close();
        }),
      );
      form.addEventListener(
        'submit',
        safe((e: Event) => {
          e.preventDefault();
          if (score === undefined || busy) return;
          busy = submit.disabled = true;
          message.className = 'm';
          message.textContent = '';
          const text = reason.value.trim();
          // JSON.stringify leaves out the undefined ones
          post('/api/public/answers', { token: p.token, score, reason: (p.askReason && text) || undefined, locale })
            .then((r: { thankYou?: string }) => {
              form.hidden = true;
              message.textContent = (r && r.thankYou) || t.thankYou || '\u2713';
              dismiss.focus(); // the focused submit button is gone: keep focus in the card
            })
            .catch((err: Error) => {
              message.className = 'm e';
              message.textContent = err.message;
              busy = submit.disabled = false;
            });
        }),
      );

      root.append(card);
      document.body.append(host); // no focus() here: the page keeps its focus
    };

    const start = () => setTimeout(ask, Math.max(0, Number(data.delay) || 0));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', safe(start));
    else start();
  } catch {
    // never into the page
  }
})(window);
