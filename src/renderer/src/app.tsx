import { useEffect, type ComponentType } from 'react';
import { getApi } from './api';
import { ErrorBanner } from './components/error-banner';
import { NavSidebar } from './components/nav-sidebar';
import { PageErrorBoundary } from './components/page-error-boundary';
import { RecoveryNotice } from './components/recovery-notice';
import { StatusBar } from './components/status-bar';
import { StorageNotice } from './components/storage-notice';
import { CamerasPage } from './pages/cameras-page';
import { DashboardPage } from './pages/dashboard-page';
import { ExperimentsPage } from './pages/experiments-page';
import { HealthPage } from './pages/health-page';
import { LivePage } from './pages/live-page';
import { ModelsPage } from './pages/models-page';
import { SettingsPage } from './pages/settings-page';
import { AuditPage } from './pages/audit-page';
import { ReviewPage } from './pages/review-page';
import { UsersPage } from './pages/users-page';
import { AuthGate } from './components/auth-gate';
import { EmptyState } from './components/empty-state';
import { roleAllows } from '../../shared/roles';
import { ROUTE_MIN_ROLE, routeLabel, useRoute, type Route } from './router';
import { localeTag, t } from './i18n';
import { useAppInfo } from './stores/app-info';
import { attachLiveEvents } from './stores/live';
import { useSession, watchSession } from './stores/session';

const PAGES: Record<Route, ComponentType> = {
  live: LivePage,
  dashboard: DashboardPage,
  cameras: CamerasPage,
  models: ModelsPage,
  experiments: ExperimentsPage,
  health: HealthPage,
  settings: SettingsPage,
  users: UsersPage,
  audit: AuditPage,
  review: ReviewPage,
};

function skipToContent() {
  document.getElementById('page-title')?.focus();
}

/** Signs in first (or creates the first admin), then the app itself. */
export function App() {
  useEffect(() => watchSession(), []);
  return (
    <AuthGate>
      <Shell />
    </AuthGate>
  );
}

function NotAllowed({ route }: { route: Route }) {
  const m = t().shell;
  const role = ROUTE_MIN_ROLE[route] ?? 'viewer';
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{routeLabel(route)}</h1>
      <EmptyState title={m.notAllowedTitle}>{m.notAllowedHint(m.roles[role].toLocaleLowerCase(localeTag()))}</EmptyState>
    </section>
  );
}

function Shell() {
  const route = useRoute();
  const loadInfo = useAppInfo((s) => s.load);
  const allowed = useSession((s) => roleAllows(s.me?.role ?? null, ROUTE_MIN_ROLE[route] ?? 'viewer'));
  const Page = PAGES[route];

  useEffect(() => void loadInfo(), [loadInfo]);
  useEffect(() => attachLiveEvents(getApi()), []);
  useEffect(() => {
    document.title = t().shell.windowTitle(routeLabel(route));
  }, [route]);

  return (
    <div className="app">
      {/* A button, not an #anchor: the hash belongs to the router. */}
      <button type="button" className="skip-link" onClick={skipToContent}>
        {t().shell.skipToContent}
      </button>
      <NavSidebar current={route} />
      <main className="main" id="main">
        <ErrorBanner />
        <RecoveryNotice />
        <StorageNotice />
        <PageErrorBoundary key={route}>
          {allowed ? <Page /> : <NotAllowed route={route} />}
        </PageErrorBoundary>
      </main>
      <StatusBar />
    </div>
  );
}
