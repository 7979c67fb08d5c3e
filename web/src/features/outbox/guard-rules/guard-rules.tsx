// Settings → Guard rules: the rules the outbox checks every message against, in the order they
// are checked (the first that finds its event decides), each with an on/off switch; built-in
// ones are marked. Each rule opens in its editor.
import { useState } from 'react';
import { api, messageOf } from '../../../shared/api.ts';
import { PlusIcon, LayersIcon } from '../../../shared/icons.tsx';
import { SettingsNav } from '../../settings/settings-nav.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../../shared/states.tsx';
import { describeRule } from './guard-rules.ts';
import { useDocumentTitle, useLoad } from '../../../shared/hooks.ts';
import { ruleHref } from '../outbox.ts';
import { Link, useLocation } from '../../../shared/router.tsx';
import { hasRole, useSession } from '../../../shared/session.ts';
import type { GuardRuleRecord } from '../../../shared/types.ts';
import { When } from '../../../shared/tip/when.tsx';

export function GuardRulesPage() {
  useDocumentTitle('Guard rules');
  const { session } = useSession();
  const { params } = useLocation();
  const canEdit = hasRole(session.user.role, 'manager');
  const rules = useLoad('guard-rules', (signal) =>
    api<{ items: GuardRuleRecord[] }>('/api/v1/guard-rules', { signal }).then((r) => r.items),
  );

  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="Guard rules"
        description="Before a message leaves the outbox, the enabled rules are checked in this order. The first that looks at the message’s kind and finds its event on the customer’s timeline decides: hold the message for a person, or cancel it."
        actions={
          canEdit && (
            <Link to={ruleHref('new')} className="button button-primary">
              <PlusIcon /> New rule
            </Link>
          )
        }
      />
      {params.get('deleted') && (
        <p className="notice notice-success section-gap" role="status">
          The rule is deleted. Messages it held stay held until someone decides on them.
        </p>
      )}
      {!canEdit && <p className="notice notice-info section-gap">Only managers and admins change guard rules; you can read them.</p>}
      {rules.state.status === 'loading' && <Loading label="Loading guard rules…" />}
      {rules.state.status === 'error' && <ErrorNotice message={messageOf(rules.state.error)} onRetry={rules.reload} />}
      {rules.state.status === 'ready' &&
        (rules.state.data.length === 0 ? (
          <EmptyState icon={<LayersIcon />} title="No guard rules">
            <p>Every message passes unchecked. Add a rule to hold messages that contradict a customer’s timeline.</p>
          </EmptyState>
        ) : (
          <ol className="rule-list" aria-label="Guard rules in the order they are checked">
            {rules.state.data.map((r, i) => (
              <li key={r.id}>
                <RuleItem
                  rule={r}
                  position={i + 1}
                  canEdit={canEdit}
                  onChanged={(changed) => rules.update((list) => list.map((x) => (x.id === changed.id ? changed : x)))}
                />
              </li>
            ))}
          </ol>
        ))}
    </div>
  );
}

function RuleItem({
  rule: r,
  position,
  canEdit,
  onChanged,
}: {
  rule: GuardRuleRecord;
  position: number;
  canEdit: boolean;
  onChanged: (r: GuardRuleRecord) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const headingId = `rule-${r.id}`;

  async function toggle(enabled: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await api<GuardRuleRecord>(`/api/v1/guard-rules/${encodeURIComponent(r.id)}`, { method: 'PATCH', body: { enabled } }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className={r.enabled ? 'card rule-item' : 'card rule-item is-off'} aria-labelledby={headingId}>
      <span className="rule-order" aria-hidden="true">
        {position}
      </span>
      <div className="rule-body">
        <div className="heading-row">
          <h2 className="rule-name" id={headingId}>
            <span className="visually-hidden">{position}. </span>
            <Link to={ruleHref(r.id)}>{r.name}</Link>
          </h2>
          {r.builtIn && <span className="pill pill-muted">Built-in</span>}
          {!r.enabled && <span className="pill pill-warn">Off</span>}
        </div>
        {r.description && <p className="muted rule-description">{r.description}</p>}
        <p className="rule-summary">{describeRule(r.rule)}</p>
        <p className="field-hint">
          Changed <When at={r.updatedAt} />
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <label className="switch">
        {/* not disabled while saving, so keyboard focus stays on it */}
        <input
          type="checkbox"
          role="switch"
          checked={r.enabled}
          disabled={!canEdit}
          aria-disabled={busy || undefined}
          onChange={(e) => !busy && void toggle(e.target.checked)}
        />
        <span className="switch-text" aria-hidden="true">
          {busy ? 'Saving…' : r.enabled ? 'On' : 'Off'}
        </span>
        <span className="visually-hidden">{r.name}</span>
      </label>
    </article>
  );
}
