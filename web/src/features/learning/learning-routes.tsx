// The learning feature's pages: /rules (the register with the friction ranking) and /rules/:id
// (a rule, its evidence and its review); /learning/recognition, /learning/internal-customers and
// /learning/obsession (the people half); /learning/improvements and /learning/improvements/:id
// ("you said, we did").
import { matchPath } from '../../shared/router.tsx';
import { RulePage } from './rule-page.tsx';
import { RulesPage } from './rules-page.tsx';
import { InternalCustomersPage } from './internal-customers-page.tsx';
import { ObsessionPage } from './obsession-page.tsx';
import { RecognitionPage } from './recognition-page.tsx';
import { ImprovementPage } from './improvement-page.tsx';
import { ImprovementsPage } from './improvements-page.tsx';

export function LearningPage({ path }: { path: string }) {
  if (path === '/learning/recognition') return <RecognitionPage />;
  if (path === '/learning/internal-customers') return <InternalCustomersPage />;
  if (path === '/learning/obsession') return <ObsessionPage />;
  if (path === '/learning/improvements') return <ImprovementsPage />;
  const improvement = matchPath('/learning/improvements/:id', path);
  if (improvement) return <ImprovementPage key={improvement.id} id={improvement.id!} />;
  const rule = matchPath('/rules/:id', path);
  if (rule) return <RulePage key={rule.id} id={rule.id!} />;
  return <RulesPage />;
}
