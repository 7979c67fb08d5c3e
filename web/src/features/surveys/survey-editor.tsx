// Creating or changing a survey: its kind (only when creating: answers stay on one scale),
// name, department, the reason question, extra questions, customer-facing texts per language,
// branding and sampling. Problems, the form's own or the API's, show under their fields and in
// a summary at the top. This file holds the pages; the form and its sections are beside it.
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { ArrowLeftIcon } from '../../shared/icons.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import type { Department, Survey } from '../../shared/types.ts';
import { SurveyForm } from './survey-form.tsx';

export function NewSurveyPage() {
  useDocumentTitle('New survey');
  return <SurveyEditorFrame title="New survey" back={{ to: '/surveys', label: 'Surveys' }} />;
}

export function EditSurveyPage({ id }: { id: string }) {
  const survey = useLoad(id, (signal) => api<Survey>(`/api/v1/surveys/${encodeURIComponent(id)}`, { signal }));
  useDocumentTitle(survey.state.status === 'ready' ? `Edit ${survey.state.data.name}` : 'Edit survey');
  const back = { to: `/surveys/${id}`, label: survey.state.status === 'ready' ? survey.state.data.name : 'Survey' };
  if (survey.state.status === 'loading') {
    return (
      <div className="page">
        <BackLink {...back} />
        <h1 className="visually-hidden">Edit survey</h1>
        <Loading label="Loading survey…" />
      </div>
    );
  }
  if (survey.state.status === 'error') {
    const err = survey.state.error;
    return (
      <div className="page">
        <BackLink to="/surveys" label="Surveys" />
        {err instanceof ApiError && err.status === 404 ? (
          <EmptyState pageTitle title="Survey not found">
            <p>There is no survey with this ID in your workspace.</p>
          </EmptyState>
        ) : (
          <>
            <h1 className="visually-hidden">Edit survey</h1>
            <ErrorNotice message={messageOf(err)} onRetry={survey.reload} />
          </>
        )}
      </div>
    );
  }
  return (
    <SurveyEditorFrame key={survey.state.data.updatedAt} title={`Edit ${survey.state.data.name}`} back={back} survey={survey.state.data} />
  );
}

function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className="back-link">
      <ArrowLeftIcon /> {label}
    </Link>
  );
}

function SurveyEditorFrame({ title, back, survey }: { title: string; back: { to: string; label: string }; survey?: Survey }) {
  const { session } = useSession();
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  if (!hasRole(session.user.role, 'manager')) {
    return (
      <div className="page">
        <BackLink {...back} />
        <EmptyState pageTitle title="Only managers and admins change surveys">
          <p>Ask a manager of {session.workspace.name} to make the change.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <BackLink {...back} />
      <PageHeader title={title} />
      {survey?.archivedAt && (
        <div className="notice notice-info section-gap" role="status">
          This survey is archived: it sends nothing more and cannot be changed.
        </div>
      )}
      <SurveyForm survey={survey} departments={departments.state.status === 'ready' ? departments.state.data : undefined} />
    </div>
  );
}
