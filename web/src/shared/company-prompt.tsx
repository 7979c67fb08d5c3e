// The first-run prompt: until an admin has saved the company profile once, every page tells admins
// the name customers will meet and links to the first-run screen (/welcome) that completes it.
// Not a wall: the staff app works meanwhile, and "Not now" hides it for this browser session.
import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { Link, useLocation } from './router.tsx';
import { hasRole, useSession } from './session.ts';

const skipKey = 'kept.company-profile.later';

export function CompanyPrompt() {
  const { session } = useSession();
  const { path } = useLocation();
  const admin = hasRole(session.user.role, 'admin');
  const [unconfirmed, setUnconfirmed] = useState<string | null>(null);
  useEffect(() => {
    if (!admin || sessionStorage.getItem(skipKey)) return;
    const controller = new AbortController();
    api<{ companyName: string; confirmed: boolean }>('/api/v1/settings/company', { signal: controller.signal }).then(
      (p) => setUnconfirmed(p.confirmed ? null : p.companyName),
      () => setUnconfirmed(null),
    );
    return () => controller.abort();
  }, [admin, path]);
  if (!unconfirmed || path === '/welcome' || path === '/settings/company') return null;
  return (
    <aside className="notice notice-info" aria-label="Company profile">
      <span>
        Customers will meet “{unconfirmed}” in every mail and page. <Link to="/welcome">Complete the company profile</Link>
      </span>
      <button
        type="button"
        className="button button-ghost"
        onClick={() => {
          sessionStorage.setItem(skipKey, '1');
          setUnconfirmed(null);
        }}
      >
        Not now
      </button>
    </aside>
  );
}

export const skipCompanyPrompt = () => sessionStorage.setItem(skipKey, '1');
