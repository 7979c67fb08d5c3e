// What a survey is (kind, languages, questions, sampling) and the snippet that puts its widget
// on a website.
import { useRef } from 'react';
import { CopyButton } from '../../shared/copy-button.tsx';
import { plural } from '../../shared/format.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { localeLabel } from './survey-kinds.ts';
import type { Survey } from '../../shared/types.ts';

export function SurveySummary({ survey }: { survey: Survey }) {
  const languages = [...new Set([survey.defaultLocale, ...Object.keys(survey.texts)])];
  return (
    <section className="card summary-card" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="card-title">
        How it asks
      </h2>
      <dl className="details details-inline">
        <div>
          <dt>Reason question</dt>
          <dd>{survey.askReason ? 'Asked' : 'Not asked'}</dd>
        </div>
        <div>
          <dt>Extra questions</dt>
          <dd>{survey.questions.length ? plural(survey.questions.length, 'question') : 'None'}</dd>
        </div>
        <div>
          <dt>Sampling</dt>
          <dd>{survey.samplePercent === 100 ? 'Every triggered invitation' : `${survey.samplePercent}% of triggered invitations`}</dd>
        </div>
        <div>
          <dt>Languages</dt>
          <dd>{languages.map(localeLabel).join(', ')}</dd>
        </div>
        <div>
          <dt>Brand</dt>
          <dd className="brand-cell">
            {survey.brand.colour && <span className="swatch" style={{ background: survey.brand.colour }} aria-hidden="true" />}
            {survey.brand.name ?? <span className="muted">The survey’s name</span>}
          </dd>
        </div>
        <div className="details-wide">
          <dt>Survey ID</dt>
          <dd>
            <code className="code code-small">{survey.id}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}
export function WidgetSnippet({ survey }: { survey: Survey }) {
  const { session } = useSession();
  const pre = useRef<HTMLPreElement>(null);
  const snippet = [
    `<script src="${window.location.origin}/widget.js"`,
    `  data-workspace="${session.workspace.slug}"`,
    `  data-survey="${survey.id}"`,
    `  data-customer="CUSTOMER_EXTERNAL_ID"`,
    `  data-signature="HMAC_SHA256_HEX(widget secret, externalId)"`,
    `  async></script>`,
  ].join('\n');
  const admin = hasRole(session.user.role, 'admin');
  return (
    <section className="card form-card" aria-labelledby="widget-heading">
      <h2 id="widget-heading" className="card-title">
        Widget for your website
      </h2>
      <p className="section-description">
        Put this tag on pages where customers are signed in. It asks this survey in a small prompt when the rules allow, and says nothing
        otherwise.
      </p>
      <div className="snippet">
        <pre ref={pre} className="code-block">
          {snippet}
        </pre>
        <div className="snippet-actions">
          <CopyButton text={snippet} what="widget snippet" target={pre} className="button button-small" />
        </div>
      </div>
      <h3 className="subsection-title">The signature</h3>
      <p className="section-description">
        Replace <code className="code">CUSTOMER_EXTERNAL_ID</code> with the signed-in customer’s external ID, and the signature with the hex
        HMAC-SHA256 of that ID, keyed with the workspace’s widget secret. Compute it on your server, never in the browser, so nobody can
        answer as someone else. In Node.js:
      </p>
      <pre className="code-block">
        {`import { createHmac } from 'node:crypto';\n\nconst signature = createHmac('sha256', process.env.KEPT_WIDGET_SECRET)\n  .update(customer.externalId)\n  .digest('hex');`}
      </pre>
      <p className="field-hint">
        {admin ? (
          <>
            The widget secret is in <Link to="/settings/surveys">Settings › Surveys</Link>.
          </>
        ) : (
          'An admin finds the widget secret in Settings › Surveys.'
        )}
      </p>
    </section>
  );
}
