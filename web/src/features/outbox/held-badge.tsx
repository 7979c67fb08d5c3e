// The number of held messages beside "Outbox" in the navigation; nothing when none is held.
import { useHeldCount } from './outbox.ts';
import { useLocation } from '../../shared/router.tsx';

export function HeldBadge() {
  const { path } = useLocation();
  const count = useHeldCount(path);
  if (!count || count === '0') return null;
  return (
    <span className="nav-count">
      {count}
      <span className="visually-hidden"> held</span>
    </span>
  );
}
