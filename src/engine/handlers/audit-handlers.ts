/** `audits:next`, `audits:answer`, `audits:report` (count review): thin over src/engine/audits/audit-service.ts. */
import type { Handlers } from '../../shared/contract';
import type { auditRequests } from '../../shared/requests-audits';
import { AppError } from '../../shared/result';
import { AuditService } from '../audits/audit-service';
import type { EngineContext } from '../wiring/engine-context';

type AuditRequestName = keyof typeof auditRequests;

export function auditHandlers(ctx: Pick<EngineContext, 'db' | 'repos'>, service: AuditService = new AuditService(ctx.db, ctx.repos)): Pick<Handlers, AuditRequestName> {
  const known = (cameraId: string | undefined): void => {
    if (cameraId !== undefined && !ctx.repos.cameras.get(cameraId)) throw new AppError('NOT_FOUND', `no camera with id "${cameraId}"`);
  };
  return {
    'audits:next': ({ cameraId, now, skip }) => {
      known(cameraId);
      return service.next({ ...(cameraId !== undefined ? { cameraId } : {}), ...(now !== undefined ? { now: new Date(now) } : {}), ...(skip ? { skip } : {}) });
    },
    'audits:answer': ({ id, answer, now }, caller) => service.answer(id, answer, { userId: caller?.user?.id ?? null, ...(now !== undefined ? { now: new Date(now) } : {}) }),
    'audits:report': ({ cameraId, from, to, store }) => {
      known(cameraId);
      return service.report({ ...(cameraId !== undefined ? { cameraId } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), store });
    },
  };
}
