// Surveys: what Kept asks customers, active or archived, newest first. Managers and admins
// create them; anyone opens one to see its triggers, invitations and widget snippet.
import { api, messageOf } from '../../shared/api.ts';
import { ChartIcon, PlusIcon } from '../../shared/icons.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link, useLocation } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { kindName } from './survey-kinds.ts';
import type { Department, Survey } from '../../shared/types.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';

export function SurveysPage() {
  useDocumentTitle('Surveys');
  const { session } = useSession();
  const { params } = useLocation();
  const archived = params.get('archived') === 'true';
  const surveys = useLoad(`surveys|${archived}`, (signal) =>
    api<{ items: Survey[] }>('/api/v1/surveys', { query: { archived: String(archived) }, signal }).then((r) => r.items),
  );
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const canCreate = hasRole(session.user.role, 'manager');
  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];

  return (
    <div className="page">
      <PageHeader
        title="Surveys"
        description="NPS, CSAT and CES questions sent by link, e-mail or the widget. Every answer lands on its customer’s timeline."
        actions={
          canCreate && (
            <Link to="/surveys/new" className="button button-primary">
              <PlusIcon /> New survey
            </Link>
          )
        }
      />
      <nav aria-label="Survey lists" className="tabs">
        <Link to="/surveys" className="tab" aria-current={archived ? undefined : 'page'}>
          Active
        </Link>
        <Link to="/surveys?archived=true" className="tab" aria-current={archived ? 'page' : undefined}>
          Archived
        </Link>
      </nav>
      {surveys.state.status === 'loading' && <Loading label="Loading surveys…" />}
      {surveys.state.status === 'error' && <ErrorNotice message={messageOf(surveys.state.error)} onRetry={surveys.reload} />}
      {surveys.state.status === 'ready' &&
        (surveys.state.data.length === 0 ? (
          archived ? (
            <EmptyState icon={<ChartIcon />} title="No archived surveys">
              <p>An archived survey sends nothing more and takes no new answers; its answers stay in the scores.</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<ChartIcon />}
              title="No surveys yet"
              action={
                canCreate && (
                  <Link to="/surveys/new" className="button button-primary">
                    <PlusIcon /> New survey
                  </Link>
                )
              }
            >
              <p>
                Create an NPS, CSAT or CES survey, then send it after events (a trigger), to a sample of customers, by hand, or with the
                widget on your site.
              </p>
              {!canCreate && <p>Managers and admins create surveys.</p>}
            </EmptyState>
          )
        ) : (
          <SurveyTable surveys={surveys.state.data} departments={departmentList} />
        ))}
    </div>
  );
}

function SurveyTable({ surveys, departments }: { surveys: Survey[]; departments: Department[] }) {
  return (
    <DataTable columns={['Survey', 'Kind', 'Department', 'Sampling', 'Created']} className="table table-narrow-hide">
      {surveys.map((s) => {
        const department = departments.find((d) => d.id === s.departmentId);
        return (
          <tr key={s.id} className="row-link">
            <td>
              <Link to={`/surveys/${s.id}`} className="row-link-target">
                {s.name}
              </Link>
              {s.archivedAt && <span className="pill pill-muted">Archived</span>}
            </td>
            <td>
              <span className="pill pill-kind">{kindName[s.kind]}</span>
            </td>
            <td>
              {department ? (
                <span className="department-name">
                  <span className="swatch" style={{ background: department.colour }} aria-hidden="true" />
                  {department.name}
                </span>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>{s.samplePercent === 100 ? 'Everyone' : `${s.samplePercent}%`}</td>
            <td>
              <When at={s.createdAt} show="date" />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
