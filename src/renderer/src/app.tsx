import { useEffect, type ComponentType } from 'react';
import { getApi } from './api';
import { ErrorBanner } from './components/error-banner';
import { NavSidebar } from './components/nav-sidebar';
import { PageErrorBoundary } from './components/page-error-boundary';
import { StatusBar } from './components/status-bar';
import { CamerasPage } from './pages/cameras-page';
import { DashboardPage } from './pages/dashboard-page';
import { ExperimentsPage } from './pages/experiments-page';
import { HealthPage } from './pages/health-page';
import { LivePage } from './pages/live-page';
import { ModelsPage } from './pages/models-page';
import { SettingsPage } from './pages/settings-page';
import { ROUTE_LABELS, useRoute, type Route } from './router';
import { useAppInfo } from './stores/app-info';
import { attachLiveEvents } from './stores/live';

const PAGES: Record<Route, ComponentType> = {
  live: LivePage,
  dashboard: DashboardPage,
  cameras: CamerasPage,
  models: ModelsPage,
  experiments: ExperimentsPage,
  health: HealthPage,
  settings: SettingsPage,
};

function skipToContent() {
  document.getElementById('page-title')?.focus();
}

export function App() {
  const route = useRoute();
  const loadInfo = useAppInfo((s) => s.load);
  const Page = PAGES[route];

  useEffect(() => void loadInfo(), [loadInfo]);
  useEffect(() => attachLiveEvents(getApi()), []);
  useEffect(() => {
    document.title = `${ROUTE_LABELS[route]} · Footfall`;
  }, [route]);

  return (
    <div className="app">
      {/* A button, not an #anchor: the hash belongs to the router. */}
      <button type="button" className="skip-link" onClick={skipToContent}>
        Skip to content
      </button>
      <NavSidebar current={route} />
      <main className="main" id="main">
        <ErrorBanner />
        <PageErrorBoundary key={route}>
          <Page />
        </PageErrorBoundary>
      </main>
      <StatusBar />
    </div>
  );
}
