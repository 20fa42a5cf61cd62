/** Hash routing (`#/dashboard`): works the same from file:// in Electron and from the server. */
import { useSyncExternalStore } from 'react';
import type { Role } from '../../shared/roles';
import { t } from './i18n';
import { DEFAULT_ROUTE, ROUTES, type Route } from './routes';

export { DEFAULT_ROUTE, ROUTES, type Route } from './routes';

/** A page's name in the language shown (navigation, heading, window title). */
export const routeLabel = (route: Route): string => t().shell.routes[route];

/** The pages that are only an admin's (the rest show every role what it may see). */
export const ROUTE_MIN_ROLE: Partial<Record<Route, Role>> = { users: 'admin', audit: 'admin' };

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

export const hrefFor = (route: Route): string => `#/${route}`;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
