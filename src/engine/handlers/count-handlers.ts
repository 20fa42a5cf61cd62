import type { Handlers } from '../../shared/contract';
import type { countRequests } from '../../shared/requests-counts';
import { AppError } from '../../shared/result';
import { countSeriesWithPrevious, countSeries, formatCountSeries, type CountSeriesQuery } from '../db/count-series';
import type { Repositories } from '../db/repositories';
import { salesSeries } from '../sales/sales-series';

type CountRequestName = keyof typeof countRequests;

/** A file name from the query: footfall_<camera|all>_<from>_<to>_<hour|day>.<ext>. */
export function exportFilename(cameraName: string | null, q: Pick<CountSeriesQuery, 'from' | 'to' | 'resolution'>, format: 'csv' | 'json'): string {
  const slug = (cameraName ?? 'all-cameras').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'camera';
  const day = (iso: string): string => iso.slice(0, 10);
  return `footfall_${slug}_${day(q.from)}_${day(q.to)}_${q.resolution}.${format}`;
}

/** The Dashboard's series and export, thin over src/engine/db/count-series.ts (the CLI uses it too). */
export function countHandlers(repos: Repositories): Pick<Handlers, CountRequestName> {
  const cameraName = (cameraId: string | undefined): string | null => {
    if (cameraId === undefined) return null;
    const camera = repos.cameras.get(cameraId);
    if (!camera) throw new AppError('NOT_FOUND', 'That camera no longer exists.');
    return camera.name;
  };
  return {
    'counts:series': (q) => {
      cameraName(q.cameraId);
      return countSeriesWithPrevious(repos.countingResults, q);
    },
    'counts:export': ({ format, ...q }) => {
      const name = cameraName(q.cameraId);
      const series = countSeries(repos.countingResults, q);
      return {
        filename: exportFilename(name, series, format),
        mimeType: format === 'csv' ? 'text/csv' : 'application/json',
        // issue 13: transactions, revenue and conversion columns when the period has sales
        content: formatCountSeries(series, format, name, salesSeries(repos, q)),
      };
    },
  };
}
