import { ROUTES, ROUTE_LABELS, hrefFor, type Route } from '../router';

const ICONS: Record<Route, string> = {
  live: '●',
  dashboard: '▦',
  cameras: '◉',
  models: '◆',
  experiments: '⚖',
  health: '♥',
  settings: '⚙',
};

export function NavSidebar({ current }: { current: Route }) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={28} height={28} />
        <span>Footfall</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav-list">
          {ROUTES.map((route) => (
            <li key={route}>
              <a className="nav-link" href={hrefFor(route)} aria-current={route === current ? 'page' : undefined}>
                <span className="nav-icon" aria-hidden="true">
                  {ICONS[route]}
                </span>
                {ROUTE_LABELS[route]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
