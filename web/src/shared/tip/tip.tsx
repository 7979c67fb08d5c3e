// A detail shown on hover and on keyboard focus alike (WCAG 1.4.13): it stays while the pointer is
// on it or its trigger and while focus is there, Escape hides it without moving focus, and screen
// readers hear it as the description of what has focus. Native `title` attributes do none of this.
//
// Standing alone, the trigger is its own tab stop. Inside a link, a button, a label's control or a
// row link (`.row-link` with its `.row-link-target`), it is not a second one (axe's
// nested-interactive): the tip shows while that link has keyboard focus and describes it. Callers
// do nothing for either case; the tip looks where it sits when it mounts.
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { placeTips } from './place.ts';

const interactive =
  'a[href], button, summary, label, [role="link"], [role="button"], [role="menuitem"], [role="option"], [role="tab"], [role="row"][tabindex]';

/** What gives a tip its focus: the link, button or row link it sits in, or null when it stands alone. */
export function focusHost(el: HTMLElement): HTMLElement | null {
  const around = el.parentElement?.closest<HTMLElement>(interactive);
  if (around) return around instanceof HTMLLabelElement ? around.control : around;
  return el.closest('.row-link')?.querySelector<HTMLElement>('.row-link-target') ?? null;
}

interface OpenTip {
  trigger: HTMLElement;
  bubble: HTMLElement;
  dismiss: () => void;
}

// The tips open now: placed together (so a row's tips do not cover each other) and hidden together by Escape.
const openTips = new Set<OpenTip>();

function placeOpenTips() {
  const tips = [...openTips].sort((a, b) => (a.trigger.compareDocumentPosition(b.trigger) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
  const sizes = tips.map(({ trigger, bubble }) => {
    Object.assign(bubble.style, { left: '0px', top: '0px', width: '' });
    bubble.style.width = `${Math.min(Math.ceil(bubble.getBoundingClientRect().width), viewport.width - 16)}px`;
    const { width, height } = bubble.getBoundingClientRect();
    return { trigger: trigger.getBoundingClientRect(), size: { width, height } };
  });
  placeTips(sizes, viewport).forEach((p, i) =>
    Object.assign(tips[i]!.bubble.style, { left: `${p.left}px`, top: `${p.top}px`, width: `${p.width}px` }),
  );
}

function onKeyDown(e: KeyboardEvent) {
  if (e.key !== 'Escape' || !openTips.size) return;
  for (const t of [...openTips]) t.dismiss();
  // The tip was what Escape closed: not the dialog or menu around it as well.
  e.preventDefault();
  e.stopPropagation();
}

function track(tip: OpenTip) {
  if (!openTips.size) {
    document.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('scroll', placeOpenTips, { capture: true, passive: true });
    window.addEventListener('resize', placeOpenTips);
  }
  openTips.add(tip);
  placeOpenTips();
  return () => {
    openTips.delete(tip);
    if (openTips.size) return placeOpenTips();
    document.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('scroll', placeOpenTips, { capture: true });
    window.removeEventListener('resize', placeOpenTips);
  };
}

const keyboardFocus = (el: Element) => {
  try {
    return el.matches(':focus-visible');
  } catch {
    return true;
  }
};

/** `children` with `text` shown beside them on hover and focus; no tip when text is empty. */
export function Tip({ text, children }: { text: string | null | undefined; children: ReactNode }) {
  return text ? <ShownTip text={text}>{children}</ShownTip> : <>{children}</>;
}

/** How long the pointer may cross the gap between a trigger and its tip before the tip goes. */
const leaveDelayMs = 150;

function ShownTip({ text, children }: { text: string; children: ReactNode }) {
  const id = useId();
  const trigger = useRef<HTMLSpanElement>(null);
  const bubble = useRef<HTMLSpanElement>(null);
  const leaving = useRef(0);
  // undefined until mounted; then the link whose focus shows the tip, or null: the tip is its own tab stop.
  const [host, setHost] = useState<HTMLElement | null | undefined>(undefined);
  const [inside, setInside] = useState(false); // the host holds the tip (a link, not a row link's target)
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const open = !dismissed && (hovered || focused);

  useLayoutEffect(() => {
    const found = focusHost(trigger.current!);
    setHost(found);
    // In its link, or in the label of its control: the tip must not add to what names that control.
    setInside(!!found && (found.contains(trigger.current) || !!trigger.current!.closest('label')));
    return () => window.clearTimeout(leaving.current);
  }, []);

  useLayoutEffect(() => {
    if (!host) return;
    const show = () => {
      if (!keyboardFocus(host)) return;
      setDismissed(false);
      setFocused(true);
    };
    const hide = () => setFocused(false);
    host.addEventListener('focus', show);
    host.addEventListener('blur', hide);
    if (document.activeElement === host) show();
    return () => {
      host.removeEventListener('focus', show);
      host.removeEventListener('blur', hide);
      const ids = (host.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((t) => t && t !== id);
      if (ids.length) host.setAttribute('aria-describedby', ids.join(' '));
      else host.removeAttribute('aria-describedby');
    };
  }, [host, id]);

  // The host describes itself with the tip; set again after each render, in case the host's own re-render replaced it.
  useLayoutEffect(() => {
    if (!host) return;
    const ids = (host.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    if (!ids.includes(id)) host.setAttribute('aria-describedby', [...ids, id].join(' '));
  });

  useLayoutEffect(() => {
    if (!open) return;
    return track({ trigger: trigger.current!, bubble: bubble.current!, dismiss: () => setDismissed(true) });
  }, [open, text]);

  const own = host === null;
  return (
    <span
      ref={trigger}
      className={`tip${own ? ' tip-own' : ''}${open ? ' is-open' : ''}`}
      tabIndex={own ? 0 : undefined}
      aria-describedby={own ? id : undefined}
      onMouseEnter={() => {
        window.clearTimeout(leaving.current);
        if (!hovered) setDismissed(false);
        setHovered(true);
      }}
      onMouseLeave={() => {
        leaving.current = window.setTimeout(() => setHovered(false), leaveDelayMs);
      }}
      onFocus={(e) => {
        if (e.target !== e.currentTarget || !keyboardFocus(e.currentTarget)) return;
        setDismissed(false);
        setFocused(true);
      }}
      onBlur={(e) => e.target === e.currentTarget && setFocused(false)}
      onClick={(e) => {
        // In a row link the tip sits above the row's click target; a click on it still opens the row.
        if (host && !host.contains(e.currentTarget) && !e.currentTarget.closest('label')) host.click();
      }}
    >
      {children}
      {/* Inside its link the tip is heard as the link's description only, not as part of its name. */}
      <span ref={bubble} id={id} role="tooltip" className="tip-bubble" hidden={!open} aria-hidden={inside || undefined}>
        {text}
      </span>
    </span>
  );
}
