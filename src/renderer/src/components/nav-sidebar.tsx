import { roleAllows } from '../../../shared/roles';
import { t } from '../i18n';
import { ROUTES, ROUTE_MIN_ROLE, hrefFor, routeLabel, type Route } from '../router';
import { useSession } from '../stores/session';
import { AccountMenu } from './account-menu';

const ICONS: Record<Route, string> = {
  live: '●',
  dashboard: '▦',
  cameras: '◉',
  models: '◆',
  experiments: '⚖',
  health: '♥',
  settings: '⚙',
  users: '☺',
  audit: '☰',
  review: '✓',
};

export function NavSidebar({ current }: { current: Route }) {
  const role = useSession((s) => s.me?.role ?? null);
  const routes = ROUTES.filter((route) => roleAllows(role, ROUTE_MIN_ROLE[route] ?? 'viewer'));
  return (
    <aside className="sidebar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <span>{t().common.appName}</span>
      </div>
      <nav aria-label={t().shell.mainNavigation}>
        <ul className="nav-list">
          {routes.map((route) => (
            <li key={route}>
              <a className="nav-link" href={hrefFor(route)} aria-current={route === current ? 'page' : undefined}>
                <span className="nav-icon" aria-hidden="true">
                  {ICONS[route]}
                </span>
                {routeLabel(route)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <AccountMenu />
    </aside>
  );
}
