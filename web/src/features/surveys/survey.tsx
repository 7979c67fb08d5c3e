// One survey: its scores and latest answers, and how it reaches customers. Triggers ("send N hours after an event of type X"),
// an invitation chosen by hand (marked, and left out of headline scores), a random sample of a
// segment, the invitations with why any was not sent, and the widget snippet for a website.
import { useRef, useState } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { ArrowLeftIcon } from '../../shared/icons.tsx';
import { RecordStates } from '../../shared/states.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { kindDescription, kindName } from './survey-kinds.ts';
import type { Department, Invitation, Page, Survey } from '../../shared/types.ts';
import { HandInvite, SampleSend } from './hand-invite.tsx';
import { InvitationList } from './invitations.tsx';
import { SurveySummary, WidgetSnippet } from './survey-summary.tsx';
import { SurveyScores } from './survey-scores.tsx';
import { Triggers } from './survey-triggers.tsx';

export function SurveyPage({ id }: { id: string }) {
  const survey = useLoad(id, (signal) => api<Survey>(`/api/v1/surveys/${encodeURIComponent(id)}`, { signal }));
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  useDocumentTitle(survey.state.status === 'ready' ? survey.state.data.name : 'Survey');

  if (survey.state.status !== 'ready') {
    return (
      <RecordStates state={survey.state} reload={survey.reload} noun="survey" backLink={<BackLink />} list={['/surveys', 'surveys']} />
    );
  }
  const data = survey.state.data;
  const department = departments.state.status === 'ready' ? departments.state.data.find((d) => d.id === data.departmentId) : undefined;
  return <SurveyDetails survey={data} department={department} onChange={(s) => survey.update(() => s)} />;
}

function BackLink() {
  return (
    <Link to="/surveys" className="back-link">
      <ArrowLeftIcon /> Surveys
    </Link>
  );
}

function SurveyDetails({ survey, department, onChange }: { survey: Survey; department?: Department; onChange: (s: Survey) => void }) {
  const { session } = useSession();
  const manager = hasRole(session.user.role, 'manager');
  const archived = !!survey.archivedAt;
  const [archiving, setArchiving] = useState(false);
  const [archiveBusy, setArchiveBusy] = useState(false);
  const [archiveError, setArchiveError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const archivedNotice = useRef<HTMLDivElement>(null);
  const invitations = usePaged<Invitation>(survey.id, (cursor, signal) =>
    api<Page<Invitation>>(`/api/v1/surveys/${survey.id}/invitations`, { query: { limit: 50, cursor }, signal }),
  );

  async function archive() {
    setArchiveBusy(true);
    setArchiveError(undefined);
    try {
      onChange(await api<Survey>(`/api/v1/surveys/${survey.id}/archive`, { method: 'POST' }));
      setArchiving(false);
      setAnnouncement(`Survey ${survey.name} archived`);
      // The Archive button is gone: focus the notice that replaced it.
      requestAnimationFrame(() => archivedNotice.current?.focus());
    } catch (err) {
      setArchiveError(messageOf(err));
    } finally {
      setArchiveBusy(false);
    }
  }

  return (
    <div className="page">
      <BackLink />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <div className="page-header">
        <div>
          <div className="heading-row">
            <h1>{survey.name}</h1>
            <span className="pill pill-kind">{kindName[survey.kind]}</span>
            {archived && <span className="pill pill-muted">Archived</span>}
          </div>
          <p className="page-description">
            {kindDescription[survey.kind]}
            {department && (
              <>
                {' · '}
                <span className="department-name department-inline">
                  <span className="swatch" style={{ background: department.colour }} aria-hidden="true" />
                  {department.name}
                </span>
              </>
            )}
          </p>
        </div>
        <div className="page-actions">
          <Link to={`/dashboard?survey=${survey.id}`} className="button">
            Scores
          </Link>
          {manager && !archived && (
            <>
              <Link to={`/surveys/${survey.id}/edit`} className="button">
                Edit
              </Link>
              <button type="button" className="button button-danger-ghost" onClick={() => setArchiving(true)}>
                Archive
              </button>
            </>
          )}
        </div>
      </div>
      {archived && (
        <div className="notice notice-info section-gap" ref={archivedNotice} tabIndex={-1}>
          Archived {formatDateTime(survey.archivedAt!)}: it sends nothing more and takes no new answers. Its answers stay in the scores.
        </div>
      )}

      <div className="customer-layout">
        <div className="stack-large">
          <SurveyScores survey={survey} />
          <SurveySummary survey={survey} />
          <Triggers survey={survey} canChange={manager && !archived} />
          <section aria-labelledby="invitations-heading">
            <div className="section-head">
              <h2 id="invitations-heading">Invitations</h2>
            </div>
            <InvitationList invitations={invitations} />
          </section>
          <WidgetSnippet survey={survey} />
        </div>
        <aside className="stack-large" aria-label="Send this survey">
          {!archived && <HandInvite survey={survey} onSent={invitations.retry} />}
          {!archived && manager && <SampleSend survey={survey} onSent={invitations.retry} />}
        </aside>
      </div>

      <ConfirmDialog
        open={archiving}
        title={`Archive “${survey.name}”?`}
        confirmLabel="Archive survey"
        busy={archiveBusy}
        onConfirm={() => void archive()}
        onCancel={() => {
          setArchiving(false);
          setArchiveError(undefined);
        }}
      >
        <p>It sends no more invitations, its triggers stop, and its links take no new answers. Its answers stay in the scores.</p>
        {archiveError && (
          <p className="field-error" role="alert">
            {archiveError}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
