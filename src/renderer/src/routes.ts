/** The app's pages, in sidebar order (pure: the router, the tests and the walks share it). */
export const ROUTES = ['live', 'dashboard', 'cameras', 'models', 'experiments', 'health', 'settings', 'users', 'audit', 'review'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'live';
