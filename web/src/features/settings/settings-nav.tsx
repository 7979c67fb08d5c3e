// The sections of Settings, as tabs that are links (each section has its own URL). On a narrow
// screen the tabs scroll sideways, and the current one is scrolled into view.
import { useEffect, useRef } from 'react';
import { Link, useLocation } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';

export function SettingsNav() {
  const { path } = useLocation();
  const { session } = useSession();
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    const current = nav.current?.querySelector('[aria-current="page"]');
    const box = nav.current;
    if (current instanceof HTMLElement && box && box.scrollWidth > box.clientWidth) {
      box.scrollLeft = current.offsetLeft - box.offsetLeft - 16;
    }
  }, [path]);
  const sections = [
    { to: '/settings/company', label: 'Company' },
    { to: '/settings/surveys', label: 'Surveys' },
    { to: '/settings/recovery', label: 'Recovery' },
    { to: '/settings/apology-templates', label: 'Apology templates' },
    ...(hasRole(session.user.role, 'admin') ? [{ to: '/settings/tokens', label: 'API tokens' }] : []),
    ...(hasRole(session.user.role, 'admin') ? [{ to: '/settings/webhooks', label: 'Webhooks' }] : []),
    ...(hasRole(session.user.role, 'admin') ? [{ to: '/settings/audit', label: 'Audit log' }] : []),
    { to: '/settings/guard-rules', label: 'Guard rules' },
    ...(hasRole(session.user.role, 'manager') ? [{ to: '/settings/digest', label: 'Weekly digest' }] : []),
  ];
  return (
    <nav ref={nav} aria-label="Settings" className="tabs">
      {sections.map((s) => (
        <Link key={s.to} to={s.to} className="tab" aria-current={path === s.to || path.startsWith(`${s.to}/`) ? 'page' : undefined}>
          {s.label}
        </Link>
      ))}
    </nav>
  );
}
