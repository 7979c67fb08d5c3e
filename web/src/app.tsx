// The app's states: checking the session, signed out (the sign-in page) or signed in (the
// pages under the app shell). A 401 from any call ends the session and returns to sign-in,
// which brings the person back to where they were.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { api, ApiError, messageOf, onSessionEnded, setCsrfToken } from './shared/api.ts';
import { AppShell } from './shared/app-shell.tsx';
import { CompanyPrompt } from './shared/company-prompt.tsx';
import { ErrorNotice } from './shared/states.tsx';
import { NotFoundPage } from './shared/not-found.tsx';
import { matchPath, navigate, safeReturnPath, useLocation, withQuery } from './shared/router.tsx';
import { SessionContext, type SessionValue } from './shared/session.ts';
import type { Session } from './shared/types.ts';

// Each feature's pages load when first opened (their own chunks), so the first page downloads
// only the shell and the page it shows.
function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<PropsOf<M[K]>> }));
}
type PropsOf<C> = C extends ComponentType<infer P> ? P : never;
const CasePage = lazyPage(() => import('./features/recovery/cases/case.tsx'), 'CasePage');
const CasesPage = lazyPage(() => import('./features/recovery/cases/cases.tsx'), 'CasesPage');
const CausePage = lazyPage(() => import('./features/recovery/causes/cause.tsx'), 'CausePage');
const CausesPage = lazyPage(() => import('./features/recovery/causes/causes.tsx'), 'CausesPage');
const NewCausePage = lazyPage(() => import('./features/recovery/causes/causes.tsx'), 'NewCausePage');
const CustomerPage = lazyPage(() => import('./features/customers/customer.tsx'), 'CustomerPage');
const AsCustomerPage = lazyPage(() => import('./features/customers/as-customer.tsx'), 'AsCustomerPage');
const CustomersPage = lazyPage(() => import('./features/customers/customers.tsx'), 'CustomersPage');
const ApologyTemplatesPage = lazyPage(() => import('./features/settings/apology-templates.tsx'), 'ApologyTemplatesPage');
const DashboardPage = lazyPage(() => import('./features/dashboard/dashboard.tsx'), 'DashboardPage');
const DepartmentsPage = lazyPage(() => import('./features/settings/departments.tsx'), 'DepartmentsPage');
const GuardRulePage = lazyPage(() => import('./features/outbox/guard-rules/guard-rule.tsx'), 'GuardRulePage');
const GuardRulesPage = lazyPage(() => import('./features/outbox/guard-rules/guard-rules.tsx'), 'GuardRulesPage');
const MailsPage = lazyPage(() => import('./features/mails/mails.tsx'), 'MailsPage');
const OutboxPage = lazyPage(() => import('./features/outbox/outbox.tsx'), 'OutboxPage');
const OutboxMessagePage = lazyPage(() => import('./features/outbox/outbox-message.tsx'), 'OutboxMessagePage');
const RecoveryReportPage = lazyPage(() => import('./features/recovery/report/recovery-report.tsx'), 'RecoveryReportPage');
const RecoverySettingsPage = lazyPage(() => import('./features/settings/recovery-settings.tsx'), 'RecoverySettingsPage');
const SignInPage = lazyPage(() => import('./features/auth/sign-in.tsx'), 'SignInPage');
const SignalSettingsPage = lazyPage(() => import('./features/settings/signal-settings.tsx'), 'SignalSettingsPage');
const EditSurveyPage = lazyPage(() => import('./features/surveys/survey-editor.tsx'), 'EditSurveyPage');
const NewSurveyPage = lazyPage(() => import('./features/surveys/survey-editor.tsx'), 'NewSurveyPage');
const SurveyPage = lazyPage(() => import('./features/surveys/survey.tsx'), 'SurveyPage');
const SurveysPage = lazyPage(() => import('./features/surveys/surveys.tsx'), 'SurveysPage');
const TasksPage = lazyPage(() => import('./features/outbox/tasks.tsx'), 'TasksPage');
const TokensPage = lazyPage(() => import('./features/settings/tokens.tsx'), 'TokensPage');
const DigestPage = lazyPage(() => import('./features/settings/digest.tsx'), 'DigestPage');
const CommitmentsPage = lazyPage(() => import('./features/promises/commitments.tsx'), 'CommitmentsPage');
const WebhookPage = lazyPage(() => import('./features/webhooks/webhook.tsx'), 'WebhookPage');
const WebhooksPage = lazyPage(() => import('./features/webhooks/webhooks.tsx'), 'WebhooksPage');
const AuditPage = lazyPage(() => import('./features/audit/audit-page.tsx'), 'AuditPage');
const GrowthPage = lazyPage(() => import('./features/measurement/growth-page.tsx'), 'GrowthPage');
const BasicsPage = lazyPage(() => import('./features/measurement/basics-page.tsx'), 'BasicsPage');
const CompanyProfilePage = lazyPage(() => import('./features/settings/company-profile.tsx'), 'CompanyProfilePage');
const CompanyFirstRun = lazyPage(() => import('./features/settings/company-profile.tsx'), 'CompanyFirstRun');
const LearningPage = lazyPage(() => import('./features/learning/learning-routes.tsx'), 'LearningPage');
const ThemesRoutes = lazyPage(() => import('./features/themes/themes-routes.tsx'), 'ThemesRoutes');
const TeamPage = lazyPage(() => import('./features/team/team.tsx'), 'TeamPage');
const AccountPage = lazyPage(() => import('./features/auth/account.tsx'), 'AccountPage');
const SetPasswordPage = lazyPage(() => import('./features/auth/set-password.tsx'), 'SetPasswordPage');
const ForgotPasswordPage = lazyPage(() => import('./features/auth/forgot-password.tsx'), 'ForgotPasswordPage');

/** Pages for a person who is not signed in: they show whatever the session's state. */
const publicPages: Record<string, ComponentType> = { '/set-password': SetPasswordPage, '/forgot-password': ForgotPasswordPage };

/** Where a person lands after signing in: managers and admins on the dashboard, agents on their inbox. */
export const landingPath = (role: Session['user']['role']) => (role === 'agent' ? '/cases?owner=mine' : '/dashboard');

type AppState =
  | { status: 'checking' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; session: Session };

function endedNotice(err: ApiError): string {
  const reason = (err.details as { reason?: string } | undefined)?.reason;
  return reason === 'session_expired'
    ? 'Your session expired. Sign in again to continue.'
    : 'You have been signed out. Sign in again to continue.';
}

export function App() {
  const [state, setState] = useState<AppState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const location = useLocation();
  const onSignIn = location.path === '/sign-in';
  const PublicPage = publicPages[location.path];

  useEffect(() => {
    onSessionEnded((err) => {
      setCsrfToken(undefined);
      setState({ status: 'signed-out', notice: endedNotice(err) });
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api<Session>('/api/v1/session', { signal: controller.signal, expectUnauthenticated: true }).then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ status: 'signed-in', session });
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) setState({ status: 'signed-out' });
        else if ((err as Error).name !== 'AbortError') setState({ status: 'unreachable', message: messageOf(err) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  // Send people where they belong: signed out to sign-in (remembering the page), signed in away from it.
  const { path, href } = location;
  const next = location.params.get('next');
  useEffect(() => {
    if (PublicPage) return;
    if (state.status === 'signed-out' && !onSignIn) {
      navigate(withQuery('/sign-in', { next: path === '/' ? undefined : href }), { replace: true });
    } else if (state.status === 'signed-in' && onSignIn) {
      navigate(next ? safeReturnPath(next) : landingPath(state.session.user.role), { replace: true });
    } else if (state.status === 'signed-in' && (path === '/' || path === '/settings')) {
      navigate(path === '/' ? landingPath(state.session.user.role) : '/settings/surveys', { replace: true });
    }
  }, [state, onSignIn, path, href, next, PublicPage]);

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/api/v1/session', { method: 'DELETE', expectUnauthenticated: true });
    } catch {
      // Signed out already, or the server is away: either way the person is leaving.
    }
    setCsrfToken(undefined);
    navigate('/sign-in');
    setState({ status: 'signed-out', notice: 'You have signed out.' });
  }, []);

  const companyNamed = useCallback((name: string) => {
    setState((s) => (s.status === 'signed-in' ? { ...s, session: { ...s.session, workspace: { ...s.session.workspace, name } } } : s));
  }, []);

  const sessionValue = useMemo<SessionValue | null>(
    () => (state.status === 'signed-in' ? { session: state.session, signOut: () => void signOut(), companyNamed } : null),
    [state, signOut, companyNamed],
  );

  if (PublicPage)
    return (
      <Suspense fallback={<div className="splash" aria-busy="true" />}>
        <PublicPage />
      </Suspense>
    );
  if (state.status === 'checking') return <div className="splash" aria-busy="true" />;
  if (state.status === 'unreachable') {
    return (
      <main className="splash">
        <h1 className="visually-hidden">Kept</h1>
        <ErrorNotice message={state.message} onRetry={() => setAttempt((n) => n + 1)} />
      </main>
    );
  }
  if (state.status === 'signed-out')
    return onSignIn ? (
      <Suspense fallback={<div className="splash" aria-busy="true" />}>
        <SignInPage notice={state.notice} onSignedIn={signedIn} />
      </Suspense>
    ) : null;
  if (onSignIn || !sessionValue) return null;
  return (
    <SessionContext.Provider value={sessionValue}>
      <AppShell>
        <CompanyPrompt />
        <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
          <Page path={location.path} />
        </Suspense>
      </AppShell>
    </SessionContext.Provider>
  );
}

function Page({ path }: { path: string }) {
  if (path === '/' || path === '/settings') return null;
  if (path === '/customers') return <CustomersPage />;
  const asCustomer = matchPath('/customers/:id/as-customer', path);
  if (asCustomer) return <AsCustomerPage key={asCustomer.id} id={asCustomer.id!} />;
  const customer = matchPath('/customers/:id', path);
  if (customer) return <CustomerPage key={customer.id} id={customer.id!} />;
  if (path === '/cases') return <CasesPage />;
  const recoveryCase = matchPath('/cases/:id', path);
  if (recoveryCase) return <CasePage key={recoveryCase.id} id={recoveryCase.id!} />;
  if (path === '/causes') return <CausesPage />;
  if (path === '/causes/new') return <NewCausePage />;
  const cause = matchPath('/causes/:id', path);
  if (cause) return <CausePage key={cause.id} id={cause.id!} />;
  if (path === '/dashboard') return <DashboardPage />;
  if (path === '/reports/recovery') return <RecoveryReportPage />;
  if (path === '/reports/growth') return <GrowthPage />;
  if (path === '/basics') return <BasicsPage />;
  if (path === '/surveys') return <SurveysPage />;
  if (path === '/surveys/new') return <NewSurveyPage />;
  const survey = matchPath('/surveys/:id', path);
  if (survey) return <SurveyPage key={survey.id} id={survey.id!} />;
  const editSurvey = matchPath('/surveys/:id/edit', path);
  if (editSurvey) return <EditSurveyPage key={editSurvey.id} id={editSurvey.id!} />;
  if (path === '/mails') return <MailsPage />;
  const mail = matchPath('/mails/:id', path);
  if (mail) return <MailsPage id={mail.id!} />;
  if (path === '/outbox') return <OutboxPage />;
  const message = matchPath('/outbox/:id', path);
  if (message) return <OutboxMessagePage key={message.id} id={message.id!} />;
  if (path === '/tasks') return <TasksPage />;
  if (path === '/settings/guard-rules') return <GuardRulesPage />;
  const guardRule = matchPath('/settings/guard-rules/:id', path);
  if (guardRule) return <GuardRulePage key={guardRule.id} id={guardRule.id!} />;
  if (path === '/rules' || path.startsWith('/rules/')) return <LearningPage path={path} />;
  if (path === '/themes' || path.startsWith('/themes/')) return <ThemesRoutes path={path} />;
  if (['/learning/recognition', '/learning/internal-customers', '/learning/obsession'].includes(path)) return <LearningPage path={path} />;
  if (path === '/learning/improvements' || path.startsWith('/learning/improvements/')) return <LearningPage path={path} />;
  if (path === '/commitments') return <CommitmentsPage />;
  if (path === '/departments') return <DepartmentsPage />;
  if (path === '/team') return <TeamPage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/settings/surveys') return <SignalSettingsPage />;
  if (path === '/settings/company') return <CompanyProfilePage />;
  if (path === '/welcome') return <CompanyFirstRun onDone={() => navigate('/customers')} />;
  if (path === '/settings/tokens') return <TokensPage />;
  if (path === '/settings/digest') return <DigestPage />;
  if (path === '/settings/recovery') return <RecoverySettingsPage />;
  if (path === '/settings/apology-templates') return <ApologyTemplatesPage />;
  if (path === '/settings/webhooks') return <WebhooksPage />;
  if (path === '/settings/audit') return <AuditPage />;
  const webhook = matchPath('/settings/webhooks/:id', path);
  if (webhook) return <WebhookPage key={webhook.id} id={webhook.id!} />;
  return <NotFoundPage />;
}
