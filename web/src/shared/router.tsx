// A small client-side router over the History API. The server answers every extension-less
// path with index.html, so any URL the app pushes can also be opened or reloaded directly.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

export interface Location {
  path: string;
  params: URLSearchParams;
  /** path + search, for returning here after signing in */
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentUrl);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, params: url.searchParams, href };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentUrl()) return;
  window.history[options.replace ? 'replaceState' : 'pushState'](null, '', to);
  if (!options.replace) window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** `/customers/:id` against `/customers/42` gives `{ id: '42' }`; no match gives null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.replace(/\/+$/, '').split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = have[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

/** A URL with its query built from the entries that have a value. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

/** A same-origin path only, so ?next= cannot send someone to another site. */
export function safeReturnPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/customers';
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
