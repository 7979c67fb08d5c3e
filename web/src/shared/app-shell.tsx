// The frame around every signed-in page: top navigation with the workspace, the person
// and sign-out. Focus moves to the page's content when the path changes, as a page load would.
import { useEffect, useRef, type ReactNode } from 'react';
import { initialsOf } from './format.ts';
import { Link, useLocation } from './router.tsx';
import { hasRole, useSession } from './session.ts';
import { HeldBadge } from '../features/outbox/held-badge.tsx';
import { ExternalIcon, LogoMark } from './icons.tsx';

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { path } = useLocation();
  const current = path === to || path.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);

  useEffect(() => {
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
          <Link to="/customers" className="brand">
            <LogoMark />
            <span className="visually-hidden">Kept, workspace </span>
            <span className="brand-name">{session.workspace.name}</span>
          </Link>
          <nav aria-label="Main" className="nav">
            <NavLink to="/dashboard">Dashboard</NavLink>
            <NavLink to="/cases">Cases</NavLink>
            <NavLink to="/causes">Causes</NavLink>
            <NavLink to="/rules">Rules</NavLink>
            <NavLink to="/themes">Themes</NavLink>
            <NavLink to="/learning/recognition">Recognition</NavLink>
            <NavLink to="/learning/internal-customers">Internal customers</NavLink>
            <NavLink to="/learning/obsession">Obsession</NavLink>
            {hasRole(session.user.role, 'manager') && <NavLink to="/reports/recovery">Recovery</NavLink>}
            <NavLink to="/reports/growth">Growth</NavLink>
            <NavLink to="/basics">Basics</NavLink>
            <NavLink to="/customers">Customers</NavLink>
            <NavLink to="/outbox">
              Outbox
              <HeldBadge />
            </NavLink>
            <NavLink to="/tasks">Tasks</NavLink>
            <NavLink to="/commitments">Promises</NavLink>
            <NavLink to="/surveys">Surveys</NavLink>
            <NavLink to="/departments">Departments</NavLink>
            <NavLink to="/team">Team</NavLink>
            {hasRole(session.user.role, 'manager') && <NavLink to="/mails">Mail</NavLink>}
            <NavLink to="/settings">Settings</NavLink>
            <a className="nav-link" href="/api/docs" target="_blank" rel="noopener">
              API docs <ExternalIcon />
              <span className="visually-hidden">(opens in a new tab)</span>
            </a>
          </nav>
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
      <main id="main" ref={main} tabIndex={-1} className="main">
        {children}
      </main>
    </div>
  );
}
