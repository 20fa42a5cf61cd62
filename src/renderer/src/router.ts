/** Hash routing (`#/dashboard`): works the same from file:// in Electron and from the server. */
import { useSyncExternalStore } from 'react';
import type { Role } from '../../shared/roles';

export const ROUTES = ['live', 'dashboard', 'cameras', 'models', 'experiments', 'health', 'settings', 'users', 'audit', 'review'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'live';

export const ROUTE_LABELS: Record<Route, string> = {
  live: 'Live',
  dashboard: 'Dashboard',
  cameras: 'Cameras',
  models: 'Models',
  experiments: 'Experiments',
  health: 'Health',
  settings: 'Settings',
  users: 'Users',
  audit: 'Audit log',
  review: 'Count review',
};

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
