import type { Command } from 'commander';
import { countSeries, formatCountSeries, type CountSeriesQuery } from '../../engine/db/count-series';
import { isTimeZone, machineTimeZone } from '../../engine/db/local-slots';
import { openDatabase } from '../../engine/db/open-database';
import { repositoriesFor } from '../../engine/db/repositories';
import { salesSeries } from '../../engine/sales/sales-series';
import { action, CliError } from '../output';

interface ExportOptions {
  db: string;
  camera?: string;
  from: string;
  to: string;
  resolution: string;
  format: string;
  timeZone?: string;
}

/**
 * `counts export`: the Dashboard's export from the command line — the same engine function
 * (src/engine/db/count-series.ts), so the same bytes for the same period. Slots follow the local
 * hours and midnights of --time-zone (an IANA name; this machine's zone by default), daylight
 * saving included, as the Dashboard's follow the viewer's zone.
 */
export function registerCountsCommands(program: Command): void {
  const counts = program.command('counts').description('footfall counts');
  counts
    .command('export')
    .description('in, out and occupancy per hour or day, every slot (zeros too), as CSV or JSON on stdout')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--camera <name>', 'one camera (its name or id); all cameras when left out')
    .requiredOption('--from <iso>', 'start, ISO-8601 (inclusive)')
    .requiredOption('--to <iso>', 'end, ISO-8601 (exclusive)')
    .option('--resolution <hour|day>', 'slot size', 'hour')
    .option('--format <csv|json>', 'output format', 'csv')
    .option('--time-zone <iana>', "the shop's time zone for local hours and days, e.g. Europe/Berlin (default: this machine's)")
    .action(
      action((opts: ExportOptions) => {
        if (opts.resolution !== 'hour' && opts.resolution !== 'day') throw new CliError('INVALID_INPUT', '--resolution must be hour or day', 2);
        if (opts.format !== 'csv' && opts.format !== 'json') throw new CliError('INVALID_INPUT', '--format must be csv or json', 2);
        for (const [name, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
          if (Number.isNaN(Date.parse(value))) throw new CliError('INVALID_INPUT', `${name} is not an ISO-8601 time: ${value}`, 2);
        }
        const timeZone = opts.timeZone ?? machineTimeZone();
        if (!isTimeZone(timeZone)) throw new CliError('INVALID_INPUT', `--time-zone is not a known time zone: ${timeZone} (use an IANA name such as Europe/Berlin)`, 2);
        const db = openDatabase(opts.db, { readonly: true });
        try {
          const repos = repositoriesFor(db);
          let cameraId: string | undefined;
          let cameraName: string | null = null;
          if (opts.camera !== undefined) {
            const wanted = opts.camera.trim().toLowerCase();
            const camera = repos.cameras.list().find((c) => c.cameraId === opts.camera || c.name.toLowerCase() === wanted);
            if (!camera) throw new CliError('NOT_FOUND', `no camera named "${opts.camera}"`);
            cameraId = camera.cameraId;
            cameraName = camera.name;
          }
          const query: CountSeriesQuery = {
            ...(cameraId !== undefined ? { cameraId } : {}),
            from: opts.from,
            to: opts.to,
            resolution: opts.resolution,
            timeZone,
          };
          const series = countSeries(repos.countingResults, query);
          // issue 13: transactions, revenue and conversion columns when the period has sales
          process.stdout.write(formatCountSeries(series, opts.format, cameraName, salesSeries(repos, query)));
        } finally {
          db.close();
        }
      }),
    );
}
