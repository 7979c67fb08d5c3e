// Small labels a case carries wherever it is listed: its severity, where it came from, and
// whether it is open. Always words, with colour only as a second cue.
import { originName, severityName, type CaseOrigin } from '../recovery.ts';
import type { CaseSeverity } from '../../../shared/types.ts';

export function SeverityPill({ severity }: { severity: CaseSeverity }) {
  return (
    <span className={`pill severity severity-${severity}`}>
      <span className="visually-hidden">Severity: </span>
      {severityName[severity]}
    </span>
  );
}

export function OriginTag({ origin }: { origin: CaseOrigin }) {
  return <span className="origin-tag">{originName[origin]}</span>;
}

export function CaseStatusPill({ status }: { status: 'open' | 'closed' }) {
  return <span className={status === 'open' ? 'pill pill-open' : 'pill pill-muted'}>{status === 'open' ? 'Open' : 'Closed'}</span>;
}
