/** Hash routing (`#/dashboard`): works the same from file:// in Electron and from the server. */
import { useSyncExternalStore } from 'react';

export const ROUTES = ['live', 'dashboard', 'cameras', 'models', 'experiments', 'health', 'settings'] as const;
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
};

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
