// The learning feature's pages: /rules (the register with the friction ranking) and /rules/:id
// (a rule, its evidence and its review).
import { matchPath } from '../../shared/router.tsx';
import { RulePage } from './rule-page.tsx';
import { RulesPage } from './rules-page.tsx';

export function LearningPage({ path }: { path: string }) {
  const rule = matchPath('/rules/:id', path);
  if (rule) return <RulePage key={rule.id} id={rule.id!} />;
  return <RulesPage />;
}
