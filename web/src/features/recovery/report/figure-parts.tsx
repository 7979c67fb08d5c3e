// The small pieces every figure of the recovery report is made of.
import type { ReactNode } from 'react';
import type { RecoveryBucket, RecoveryReport } from '../../../../../contract/recovery-report.ts';
import { Link } from '../../../shared/router.tsx';
import { formatCount, minAnswers } from '../../dashboard/scores.ts';
import type { SurveyKind } from '../../../shared/types.ts';

export type Report = RecoveryReport;
/** IntervalBar draws a 0-100 % axis for the share kinds; a share of cases uses the same axis. */
export const percentAxis: SurveyKind = 'csat';

export type LinkTo = (bucket: RecoveryBucket, extra?: { kind?: SurveyKind; currency?: string }) => string;

/** A number that opens the cases behind it; 0 is plain text. */
export function CasesLink({ n, to, what, children }: { n: number; to: string; what: string; children?: ReactNode }) {
  if (n === 0) return <>{children ?? '0'}</>;
  return (
    <Link to={to} className="drill">
      {children ?? formatCount(n)}
      <span className="visually-hidden"> — show the {what}</span>
    </Link>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function NotEnough({ n, what }: { n: number; what: string }) {
  return (
    <>
      <p className="score-figure score-missing">Not enough data</p>
      <p className="score-meaning">
        n &lt; {minAnswers}: {n === 0 ? `no ${what}` : `only ${formatCount(n)} ${what}`}. A figure needs at least {minAnswers}, so none is
        shown.
      </p>
    </>
  );
}
