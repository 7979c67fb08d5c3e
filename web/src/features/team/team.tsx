// The team: everyone in the workspace with role, departments and state. Admins invite staff by
// e-mail (they set their password from a one-time link), change roles and departments, mail a
// new link, and deactivate a leaver, whose work is handed over (the page says to whom). Managers
// invite agents into their own departments, and mail links to and deactivate those agents.
import { useState } from 'react';
import type { TeamMember } from '../../../../contract/team.ts';
import { api, messageOf } from '../../shared/api.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { formatDateTimeLong } from '../../shared/format.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { UsersIcon } from '../../shared/icons.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import type { Department } from '../../shared/types.ts';
import { DeactivateDialog, MemberDialog, ReinviteButton } from './member-actions.tsx';
import { InviteForm } from './invite-form.tsx';
import { departmentNames, mayLetGo, roleLabels, statusLabel } from './team-text.ts';
import { When } from '../../shared/tip/when.tsx';

export function TeamPage() {
  useDocumentTitle('Team');
  const { session } = useSession();
  const isAdmin = hasRole(session.user.role, 'admin');
  const mayInvite = hasRole(session.user.role, 'manager');
  const team = useLoad('team', (signal) => api<{ items: TeamMember[] }>('/api/v1/team', { signal }).then((r) => r.items));
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<TeamMember>();
  const [leaving, setLeaving] = useState<TeamMember>();
  const deps = departments.state.status === 'ready' ? departments.state.data : [];
  const members = team.state.status === 'ready' ? team.state.data : [];
  const me = members.find((m) => m.id === session.user.id);
  // A manager invites into their own departments only.
  const invitable = isAdmin ? deps : deps.filter((d) => me?.departmentIds.includes(d.id));
  const replace = (m: TeamMember) => team.update((list) => list.map((x) => (x.id === m.id ? m : x)));

  return (
    <div className="page">
      <PageHeader
        title="Team"
        description="Everyone who works in this workspace: their role, the departments whose cases they take, and whether they have joined."
      />
      <div className="notice notice-info" role="status" hidden={!status}>
        {status}
      </div>
      <div className={mayInvite ? 'split' : undefined}>
        <section aria-label="Everyone in the workspace">
          {team.state.status === 'loading' && <Loading label="Loading the team…" />}
          {team.state.status === 'error' && <ErrorNotice message={messageOf(team.state.error)} onRetry={team.reload} />}
          {team.state.status === 'ready' &&
            (members.length === 0 ? (
              <EmptyState icon={<UsersIcon />} title="Nobody here yet">
                <p>Invite the first colleague with the form.</p>
              </EmptyState>
            ) : (
              <DataTable columns={['Person', 'Role', 'Departments', 'State']} actions={mayInvite} scroll caption="The team">
                {members.map((m) => (
                  <tr key={m.id} className={m.status === 'deactivated' ? 'is-muted' : undefined}>
                    <td>
                      <div className="cell-title">{m.name}</div>
                      <div className="cell-sub">{m.email}</div>
                    </td>
                    <td>{roleLabels[m.role]}</td>
                    <td>{departmentNames(m.departmentIds, deps)}</td>
                    <td>
                      {statusLabel(m)}
                      {m.deactivatedAt ? (
                        <div className="cell-sub">
                          since <When at={m.deactivatedAt} show="date" />
                        </div>
                      ) : null}
                    </td>
                    {mayInvite && (
                      <td className="cell-actions">
                        {m.status !== 'deactivated' && (
                          <>
                            {isAdmin && (
                              <button type="button" className="button button-small" onClick={() => setEditing(m)}>
                                Change<span className="visually-hidden"> {m.name}</span>
                              </button>
                            )}
                            {m.status === 'invited' && mayLetGo(me, m) && <ReinviteButton member={m} onDone={setStatus} />}
                            {mayLetGo(me, m) && (
                              <button type="button" className="button button-small button-danger" onClick={() => setLeaving(m)}>
                                Deactivate<span className="visually-hidden"> {m.name}</span>
                              </button>
                            )}
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
            ))}
        </section>
        {mayInvite && (
          <section className="card form-card" aria-labelledby="invite-title">
            <h2 id="invite-title" className="card-title">
              Invite someone
            </h2>
            <InviteForm
              departments={invitable}
              roles={isAdmin ? ['admin', 'manager', 'agent'] : ['agent']}
              onInvited={(m, expiresAt) => {
                team.update((list) => [...list, m]);
                setStatus(`Invitation mailed to ${m.email}. The link works once, until ${formatDateTimeLong(expiresAt)}.`);
              }}
            />
          </section>
        )}
      </div>
      {editing && (
        <MemberDialog
          member={editing}
          departments={deps}
          onClose={() => setEditing(undefined)}
          onSaved={(m) => {
            replace(m);
            setEditing(undefined);
            setStatus(`${m.name} saved.`);
          }}
        />
      )}
      {leaving && (
        <DeactivateDialog
          member={leaving}
          team={members}
          onClose={() => setLeaving(undefined)}
          onDone={(m, text) => {
            replace(m);
            setLeaving(undefined);
            setStatus(text);
          }}
        />
      )}
    </div>
  );
}
