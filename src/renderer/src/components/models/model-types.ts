import type { ModelDetailDto } from '../../../../shared/dto-models';
import { t } from '../../i18n';

export type ModelDetail = ModelDetailDto;
export type VersionRow = ModelDetailDto['versions'][number];
export type DeploymentRow = ModelDetailDto['deployments'][number];

/** Which action dialog of the detail panel is open, and for what. */
export type ModelDialog =
  | { kind: 'review'; version: VersionRow }
  | { kind: 'promote'; version: VersionRow }
  | { kind: 'evaluate'; version: VersionRow }
  | { kind: 'rollback'; deployment: DeploymentRow };

export const scopeLabel = (cameraId: string | null): string => (cameraId === null ? t().models.scope.all : t().models.scope.camera(cameraId));
