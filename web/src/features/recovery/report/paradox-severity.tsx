// The service-recovery paradox by the severity of the oops: does a small slip recovered well win
// loyalty while a grave one does not? Each severity's follow-up score against the customers
// without a case, with its interval and the test's verdict, in a table that scrolls in its own box.
import { formatDifference, formatFigure, intervalWords, kindTitle } from '../../dashboard/scores.ts';
import { formatP } from './figure-format.ts';
import type { Report } from './figure-parts.tsx';

const severityWords = { low: 'Low', normal: 'Normal', high: 'High', critical: 'Critical' } as const;

export function ParadoxBySeverity({ rows }: { rows: Report['paradoxBySeverity'] }) {
  if (rows.length === 0) return null;
  return (
    <section className="card dashboard-section" aria-labelledby="paradox-severity">
      <h2 id="paradox-severity">By the severity of the oops</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="The paradox by severity">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Kind</th>
              <th scope="col">Follow-up score</th>
              <th scope="col">Against customers without a case</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.severity}-${r.kind}`}>
                <td>{severityWords[r.severity]}</td>
                <td>{kindTitle[r.kind]}</td>
                <td>
                  {r.followUp.enoughData && r.followUp.value !== null && r.followUp.interval
                    ? `${formatFigure(r.kind, r.followUp.value)} (${intervalWords(r.kind, r.followUp.interval)}), n = ${r.followUp.n}`
                    : `n = ${r.followUp.n}: too few answers for a score`}
                </td>
                <td>
                  {r.comparison.enoughData && r.comparison.difference !== null && r.comparison.p !== null
                    ? `${formatDifference(r.kind, r.comparison.difference)}, ${formatP(r.comparison.p)}${r.comparison.significant ? ', a real difference' : ', could be chance'}`
                    : 'Too few answers to compare'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
