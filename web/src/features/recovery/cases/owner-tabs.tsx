// The inbox's three views as tabs that are links, each with its count of open cases: Mine (the
// signed-in person's), Unassigned (none should be: every case gets an owner when it opens) and All.
import { Link } from '../../../shared/router.tsx';
import type { OwnerView } from './cases.tsx';

export interface CaseCounts {
  all: number;
  mine: number;
  unassigned: number;
}

const views: readonly (readonly [OwnerView, string])[] = [
  ['mine', 'Mine'],
  ['unassigned', 'Unassigned'],
  ['all', 'All'],
];

export function OwnerTabs({ current, counts, href }: { current: OwnerView; counts?: CaseCounts; href: (v: OwnerView) => string }) {
  return (
    <nav aria-label="Whose cases" className="tabs inbox-tabs">
      {views.map(([v, name]) => (
        <Link key={v} to={href(v)} className="tab" aria-current={v === current ? 'page' : undefined}>
          {name}
          {counts && (
            <span className={v === 'unassigned' && counts.unassigned > 0 ? 'tab-count tab-count-alert' : 'tab-count'}>
              {counts[v]}
              <span className="visually-hidden"> open</span>
            </span>
          )}
        </Link>
      ))}
    </nav>
  );
}
