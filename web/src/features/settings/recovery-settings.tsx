// Settings → Recovery: the case clock's target (24 hours by default) in calendar or business
// hours, the answers that open a case, the steps a case needs before it closes, who owns cases
// by default, and when the follow-up survey goes out. Managers and admins change them.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { BusinessHoursFields, businessHoursDraft, businessHoursFrom, type HoursDraft } from './business-hours.tsx';
import { DepartmentField, NumberField, TextField } from '../../shared/fields.tsx';
import { SettingsNav } from './settings-nav.tsx';
import { ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { plural } from '../../shared/format.ts';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { stepList, stepName } from '../recovery/recovery.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import type { Department, RecoverySettings, StepName } from '../../shared/types.ts';
import { FormActions } from '../../shared/form-actions.tsx';

export function RecoverySettingsPage() {
  useDocumentTitle('Recovery settings');
  const { session } = useSession();
  const settings = useLoad('recovery-settings', (signal) => api<RecoverySettings>('/api/v1/settings/recovery', { signal }));
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const manager = hasRole(session.user.role, 'manager');

  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="Recovery settings"
        description="The clock every case runs against, from the moment of the oops, and what a case needs before it closes."
      />
      {settings.state.status === 'loading' && <Loading label="Loading settings…" />}
      {settings.state.status === 'error' && <ErrorNotice message={messageOf(settings.state.error)} onRetry={settings.reload} />}
      {settings.state.status === 'ready' &&
        (manager ? (
          <SettingsForm settings={settings.state.data} departments={departmentList} onSaved={(s) => settings.update(() => s)} />
        ) : (
          <SettingsView settings={settings.state.data} departments={departmentList} />
        ))}
    </div>
  );
}

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function SettingsView({ settings: s, departments }: { settings: RecoverySettings; departments: Department[] }) {
  const h = s.businessHours;
  return (
    <section className="card form-card settings-stack" aria-labelledby="recovery-view-heading">
      <h2 id="recovery-view-heading" className="card-title">
        Recovery
      </h2>
      <dl className="details">
        <div>
          <dt>Target</dt>
          <dd>
            {plural(s.targetHours, 'hour')} from the oops,{' '}
            {h
              ? `in business hours (${h.days.map((d) => dayNames[d - 1]?.slice(0, 3)).join(', ')} ${h.start}–${h.end}, ${h.timeZone})`
              : 'around the clock'}
          </dd>
        </div>
        <div>
          <dt>Answers that open a case</dt>
          <dd>
            NPS {s.thresholds.nps} or less, CSAT {s.thresholds.csat} or less, CES {s.thresholds.ces} or less
          </dd>
        </div>
        <div>
          <dt>Required before closing</dt>
          <dd>{s.requiredSteps.length ? s.requiredSteps.map((x) => stepName[x]).join(', ') : 'Nothing'}</dd>
        </div>
        <div>
          <dt>Default department</dt>
          <dd>{departments.find((d) => d.id === s.defaultDepartmentId)?.name ?? 'None'}</dd>
        </div>
        <div>
          <dt>Follow-up survey</dt>
          <dd>{plural(s.followUpDays, 'day')} after the fix</dd>
        </div>
        <div>
          <dt>Waiting on the customer</dt>
          <dd>closes itself at the answer, or after {plural(s.waitingCloseDays ?? 14, 'day')} without one</dd>
        </div>
      </dl>
      <p className="field-hint">Only managers and admins change these.</p>
    </section>
  );
}

const thresholdLimits = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
type Kind = keyof typeof thresholdLimits;

function SettingsForm({
  settings,
  departments,
  onSaved,
}: {
  settings: RecoverySettings;
  departments: Department[];
  onSaved: (s: RecoverySettings) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [target, setTarget] = useState(String(settings.targetHours));
  const [useHours, setUseHours] = useState(!!settings.businessHours);
  const [hours, setHours] = useState<HoursDraft>(() => businessHoursDraft(settings.businessHours));
  const [thresholds, setThresholds] = useState<Record<Kind, string>>({
    nps: String(settings.thresholds.nps),
    csat: String(settings.thresholds.csat),
    ces: String(settings.thresholds.ces),
  });
  const [required, setRequired] = useState<StepName[]>(settings.requiredSteps);
  const [departmentId, setDepartmentId] = useState(settings.defaultDepartmentId ?? '');
  const [followUp, setFollowUp] = useState(String(settings.followUpDays));
  const [waiting, setWaiting] = useState(String(settings.waitingCloseDays ?? 14));
  const [saved, setSaved] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const problems: Record<string, string> = {};
    const t = Number(target.replace(',', '.'));
    if (!target.trim() || !Number.isFinite(t) || t <= 0 || t > 720) problems.targetHours = 'Enter hours from more than 0 to 720 (30 days)';
    const business = useHours ? businessHoursFrom(hours, problems) : null;
    for (const kind of Object.keys(thresholdLimits) as Kind[]) {
      const [min, max] = thresholdLimits[kind];
      const n = Number(thresholds[kind]);
      if (!/^\d+$/.test(thresholds[kind].trim()) || n < min || n > max)
        problems[`thresholds.${kind}`] = `Enter a whole score from ${min} to ${max}`;
    }
    const days = Number(followUp);
    if (!/^\d+$/.test(followUp.trim()) || days > 60) problems.followUpDays = 'Enter whole days from 0 to 60';
    const waitDays = Number(waiting);
    if (!/^\d+$/.test(waiting.trim()) || waitDays < 1 || waitDays > 90) problems.waitingCloseDays = 'Enter whole days from 1 to 90';
    await run(problems, async () => {
      const body: RecoverySettings = {
        targetHours: t,
        businessHours: business,
        thresholds: { nps: Number(thresholds.nps), csat: Number(thresholds.csat), ces: Number(thresholds.ces) },
        requiredSteps: stepList.filter((s) => required.includes(s)),
        defaultDepartmentId: departmentId || null,
        followUpDays: days,
        waitingCloseDays: waitDays,
      };
      onSaved(await api<RecoverySettings>('/api/v1/settings/recovery', { method: 'PUT', body }));
      setSaved('Settings saved. Open cases keep their due time; the new clock applies to cases opened from now on.');
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="settings-stack">
      {failure && <ErrorNotice message={failure} />}
      <section className="card form-card stack" aria-labelledby="clock-settings">
        <h2 id="clock-settings" className="card-title">
          The clock
        </h2>
        <TextField
          label="Target (hours)"
          hint="From the moment of the oops. The owner is reminded at 50 %, the department’s managers are told at 80 %."
          error={errors.targetHours}
          className="input input-narrow"
          inputMode="decimal"
          value={target}
          onChange={(v) => setTarget(v)}
        />
        <fieldset className="field">
          <legend className="field-label">The clock counts</legend>
          <label className="radio">
            <input type="radio" name="clock-hours" checked={!useHours} onChange={() => setUseHours(false)} />
            <span>Every hour, around the clock</span>
          </label>
          <label className="radio">
            <input type="radio" name="clock-hours" checked={useHours} onChange={() => setUseHours(true)} />
            <span>Business hours only</span>
          </label>
        </fieldset>
        {useHours && <BusinessHoursFields draft={hours} onChange={setHours} errors={errors} />}
      </section>

      <section className="card form-card stack" aria-labelledby="threshold-settings">
        <h2 id="threshold-settings" className="card-title">
          Answers that open a case
        </h2>
        <p className="section-description">An answer at or below the score opens a case, with its clock starting at the answer.</p>
        <div className="field-row">
          {(Object.keys(thresholdLimits) as Kind[]).map((kind) => (
            <NumberField
              key={kind}
              label={`${kind.toUpperCase()} at or below`}
              hint={`${thresholdLimits[kind][0]} to ${thresholdLimits[kind][1]}`}
              error={errors[`thresholds.${kind}`]}
              className="input input-narrow"
              min={thresholdLimits[kind][0]}
              max={thresholdLimits[kind][1]}
              value={thresholds[kind]}
              onChange={(v) => setThresholds({ ...thresholds, [kind]: v })}
            />
          ))}
        </div>
      </section>

      <section className="card form-card stack" aria-labelledby="case-settings">
        <h2 id="case-settings" className="card-title">
          Cases
        </h2>
        <fieldset className="field">
          <legend className="field-label">Required before a case closes</legend>
          <div className="check-grid">
            {stepList.map((s) => (
              <label key={s} className="checkbox">
                <input
                  type="checkbox"
                  checked={required.includes(s)}
                  onChange={(e) => setRequired(e.target.checked ? [...required, s] : required.filter((x) => x !== s))}
                />
                <span>{stepName[s]}</span>
              </label>
            ))}
          </div>
          <p className="field-hint">Each must be done or skipped with a reason.</p>
          {errors.requiredSteps && <p className="field-error">{errors.requiredSteps}</p>}
        </fieldset>
        <DepartmentField
          label="Default department"
          hint="Owns a case when the oops names none; its members take cases in turn."
          error={errors.defaultDepartmentId}
          className="input select input-narrow-select"
          value={departmentId}
          onChange={(v) => setDepartmentId(v)}
          departments={departments}
          none="None"
        />
        <NumberField
          label="Follow-up survey after (days)"
          hint="Days after the fix the re-survey goes out, unless the step says otherwise. 0 to 60."
          error={errors.followUpDays}
          className="input input-narrow"
          min={0}
          max={60}
          value={followUp}
          onChange={(v) => setFollowUp(v)}
        />
        <NumberField
          label="Close a case waiting on the customer after (days)"
          hint="A case whose required steps are done and that waits only for the follow-up answer closes itself when the answer arrives, or after this many days without one. 1 to 90."
          error={errors.waitingCloseDays}
          className="input input-narrow"
          min={1}
          max={90}
          value={waiting}
          onChange={(v) => setWaiting(v)}
        />
      </section>
      <FormActions busy={busy} label="Save settings" note={saved} />
    </form>
  );
}
