// The frame around every signed-in page: the workspace and the person on top, and the main
// navigation beside the page, its links grouped under headings (Work, Customers, Learning,
// Measure, Settings). On narrow screens the navigation folds behind a "Menu" button
// (aria-expanded; Escape or choosing a page closes it). Focus moves to the page's content when
// the path changes, as a page load would.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ReactNode } from 'react';
import { initialsOf } from './format.ts';
import { Link, useLocation } from './router.tsx';
import { hasRole, useSession } from './session.ts';
import { HeldBadge } from '../features/outbox/held-badge.tsx';
import { ExternalIcon, LogoMark } from './icons.tsx';
import { isCurrent, navGroups, type NavItem } from './nav-groups.ts';

function NavLink({ item }: { item: NavItem }) {
  const { path } = useLocation();
  if (item.external)
    return (
      <a className="nav-link" href={item.to} target="_blank" rel="noopener">
        {item.label} <ExternalIcon />
        <span className="visually-hidden">(opens in a new tab)</span>
      </a>
    );
  return (
    <Link to={item.to} className="nav-link" aria-current={isCurrent(item.to, path) ? 'page' : undefined}>
      {item.label}
      {item.held && <HeldBadge />}
    </Link>
  );
}

function MainNav({ id, open, onEscape }: { id: string; open: boolean; onEscape: () => void }) {
  const { session } = useSession();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) onEscape();
  };
  return (
    <nav id={id} aria-label="Main" className={open ? 'sidenav is-open' : 'sidenav'} onKeyDown={onKeyDown}>
      {navGroups.map((g) => {
        const items = g.items.filter((i) => !i.least || hasRole(session.user.role, i.least));
        return (
          <div key={g.title} className="nav-group">
            <h2 className="nav-group-title" id={`${id}-${g.title}`}>
              {g.title}
            </h2>
            <ul aria-labelledby={`${id}-${g.title}`}>
              {items.map((i) => (
                <li key={i.to}>
                  <NavLink item={i} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const firstPath = useRef(path);
  const navId = useId();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    setMenuOpen(false);
    if (path === firstPath.current) return;
    firstPath.current = '';
    main.current?.focus({ preventScroll: true });
  }, [path]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <button
            ref={menuButton}
            type="button"
            className="button button-ghost button-small menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true" className="menu-icon" />
            Menu
          </button>
          <Link to="/customers" className="brand">
            <LogoMark />
            <span className="visually-hidden">Kept, workspace </span>
            <span className="brand-name">{session.workspace.name}</span>
          </Link>
          <div className="account">
            <span className="avatar avatar-small" aria-hidden="true">
              {initialsOf(session.user.name)}
            </span>
            <span className="account-text">
              <Link to="/account" className="account-name">
                {session.user.name}
              </Link>
              <span className="account-role">{session.user.role}</span>
            </span>
            <button type="button" className="button button-ghost button-small" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <div className="app-body">
        <MainNav
          id={navId}
          open={menuOpen}
          onEscape={() => {
            setMenuOpen(false);
            menuButton.current?.focus();
          }}
        />
        <main id="main" ref={main} tabIndex={-1} className="main">
          {children}
        </main>
      </div>
    </div>
  );
}
