import { t } from '../i18n';
import { createResourceStore } from './resource';

/** Version, host, database path and schema version for the status bar. */
export const useAppInfo = createResourceStore(() => t().errors.contexts.loadingAppInfo, (api) => api.app.info());

/**
 * Backups of the database file (`backup:list`, admins only): the kept backups, the schedule's
 * settings and a restore waiting for the next start. Shared by the Settings "Backups" card and
 * the shell's recovery notice (issue 11).
 */
export const useBackupList = createResourceStore(() => t().errors.contexts.loadingBackups, (api) => api.backup.list());
