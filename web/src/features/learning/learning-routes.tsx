// The learning feature's pages: /rules (the register with the friction ranking) and /rules/:id
// (a rule, its evidence and its review); /learning/recognition, /learning/internal-customers and
// /learning/obsession (the people half).
import { matchPath } from '../../shared/router.tsx';
import { RulePage } from './rule-page.tsx';
import { RulesPage } from './rules-page.tsx';
import { InternalCustomersPage } from './internal-customers-page.tsx';
import { ObsessionPage } from './obsession-page.tsx';
import { RecognitionPage } from './recognition-page.tsx';

export function LearningPage({ path }: { path: string }) {
  if (path === '/learning/recognition') return <RecognitionPage />;
  if (path === '/learning/internal-customers') return <InternalCustomersPage />;
  if (path === '/learning/obsession') return <ObsessionPage />;
  const rule = matchPath('/rules/:id', path);
  if (rule) return <RulePage key={rule.id} id={rule.id!} />;
  return <RulesPage />;
}
