import type { Handlers } from '../../shared/contract';
import type { salesRequests } from '../../shared/requests-sales';
import { AppError } from '../../shared/result';
import type { EngineContext } from '../wiring/engine-context';
import { computeBusinessMetrics } from '../sales/business-metrics';
import { importSales } from '../sales/import-sales';
import { salesSeries } from '../sales/sales-series';
import { salesRepositoryFor, toSalesHourDto } from '../sales/sales-repository';

type SalesRequestName = keyof typeof salesRequests;

/** Sales and business metrics (issue 13 part 5), thin over src/engine/sales. */
export function salesHandlers(ctx: Pick<EngineContext, 'db' | 'repos'>): Pick<Handlers, SalesRequestName> {
  const { db, repos } = ctx;
  const knownCamera = (cameraId: string | undefined): void => {
    if (cameraId !== undefined && !repos.cameras.get(cameraId)) throw new AppError('NOT_FOUND', 'That camera no longer exists.');
  };
  return {
    'sales:series': (q) => {
      knownCamera(q.cameraId);
      return salesSeries(repos, q);
    },
    'sales:list': (q) => salesRepositoryFor(db).range(new Date(q.from).toISOString(), new Date(q.to).toISOString(), q.cameraId).map(toSalesHourDto),
    'sales:import': (input) =>
      importSales(db, repos, {
        filename: input.filename,
        content: input.content,
        replace: input.replace,
        ...(input.cameraId !== undefined ? { cameraId: input.cameraId } : {}),
        ...(input.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: input.utcOffsetMinutes } : {}),
      }),
    'sales:metrics': (q) => {
      knownCamera(q.cameraId);
      return computeBusinessMetrics(db, repos, { from: q.from, to: q.to, ...(q.cameraId !== undefined ? { cameraId: q.cameraId } : {}) });
    },
  };
}
