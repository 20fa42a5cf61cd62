import { createResourceStore } from './resource';

/** Version, host, database path and schema version for the status bar. */
export const useAppInfo = createResourceStore('Loading app information', (api) => api.app.info());
