// Each team's kept rate over the promises due in the last 180 days: kept on time (by the time first
// promised), kept after a renegotiation, broken, and the rate with its 95 % interval (none under
// 30), with the kinds of each team beneath it.
import { Fragment } from 'react';
import type { CommitmentStats } from '../../../../contract/commitments.ts';
import { formatRate } from './commitment-text.ts';
import { DataTable } from '../../shared/data-table.tsx';

type Outcomes = CommitmentStats['total'];

function Cells({ o }: { o: Outcomes }) {
  return (
    <>
      <td>{o.n}</td>
      <td>{o.keptOnTime}</td>
      <td>{o.keptAfterRenegotiation}</td>
      <td>{o.broken}</td>
      <td className="nowrap">{o.keptOnTimeRate ? formatRate(o.keptOnTimeRate) : <span className="muted">Not enough data</span>}</td>
      <td>{o.openNow}</td>
    </>
  );
}

export function CommitmentRates({ stats }: { stats: CommitmentStats }) {
  if (stats.departments.length === 0) return <p className="muted">No promise came due in the last 180 days, and none is open.</p>;
  return (
    <DataTable
      columns={['Team', 'Resolved', 'Kept on time', 'Kept after a new time', 'Broken', 'Kept on time (95 % interval)', 'Open now']}
      caption="Promises due in the last 180 days, by team and kind"
      className="table table-compact"
      scroll
    >
      {stats.departments.map((d) => (
        <Fragment key={d.departmentId ?? ''}>
          <tr>
            <th scope="row">{d.name ?? 'No department'}</th>
            <Cells o={d} />
          </tr>
          {d.kinds.map((k) => (
            <tr key={k.kind} className="muted">
              <td>
                <span className="visually-hidden">{d.name ?? 'No department'}, </span>
                <code className="code">{k.kind}</code>
              </td>
              <Cells o={k} />
            </tr>
          ))}
        </Fragment>
      ))}
      <tr>
        <th scope="row">Everyone</th>
        <Cells o={stats.total} />
      </tr>
    </DataTable>
  );
}
