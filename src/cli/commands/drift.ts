import type { Command } from 'commander';
import type { DriftCheckDto } from '../../shared/requests-drift';
import { driftHandlers } from '../../engine/handlers/drift-handlers';
import { action, CliError, printResult } from '../output';
import { withHandlers } from '../with-handlers';

interface CheckOptions {
  db: string;
  camera?: string;
  now?: string;
  json?: boolean;
}

/**
 * `drift check`: the engine's hourly drift check and tamper scan, now (issue 13): every whole
 * hour of the 24 before --now not yet scored, per camera and model version, and the tamper
 * episodes of those 24 hours; stored in model_drift_metrics like the scheduled check's.
 */
export function registerDriftCommands(program: Command): void {
  const drift = program.command('drift').description('model drift and camera tampering');
  drift
    .command('check')
    .description('score the hourly drift windows and scan for tampering now')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--camera <name>', 'one camera (its name or id); all cameras when left out')
    .option('--now <iso>', 'the time to check at, ISO-8601 (default: now)')
    .option('--json', 'JSON output')
    .action(
      action(async (o: CheckOptions) => {
        let now: string | undefined;
        if (o.now !== undefined) {
          const t = Date.parse(o.now);
          if (!/^\d{4}-\d{2}-\d{2}T/.test(o.now) || Number.isNaN(t)) throw new CliError('INVALID_INPUT', `--now is not an ISO-8601 time (e.g. 2026-11-03T11:00:00Z): ${o.now}`, 2);
          now = new Date(t).toISOString();
        }
        let cameras: Array<{ cameraId: string; name: string }> = [];
        const result = await withHandlers(
          o.db,
          (ctx) => {
            cameras = ctx.repos.cameras.list();
            return driftHandlers(ctx, null);
          },
          async (call) => {
            let cameraId: string | undefined;
            if (o.camera !== undefined) {
              const wanted = o.camera.trim().toLowerCase();
              const cam = cameras.find((c) => c.cameraId === o.camera || c.name.toLowerCase() === wanted);
              if (!cam) throw new CliError('NOT_FOUND', `no camera named "${o.camera}" (cameras: ${cameras.map((c) => c.name).join(', ') || 'none'})`);
              cameraId = cam.cameraId;
            }
            return call('drift:check', { ...(cameraId !== undefined ? { cameraId } : {}), ...(now !== undefined ? { now } : {}) });
          },
        );
        printResult(!!o.json, slim(result), () => human(result));
      }),
    );
}

/** The JSON: every field, without the histograms (the Health card reads them through drift:status). */
function slim(r: DriftCheckDto): DriftCheckDto {
  return { ...r, windows: r.windows.map((w) => ({ ...w, features: w.features.map(({ histogram: _h, ...f }) => f) })) };
}

function human(r: DriftCheckDto): string {
  const lines = r.windows.map(
    (w) =>
      `${w.camera} ${w.modelVersion} ${w.from.slice(0, 16)}–${w.to.slice(11, 16)}: ${w.drifted ? `drifted (${w.severity}, ${w.streak} in a row)` : 'no drift'}` +
      (w.drifted ? ` — ${w.features.filter((f) => f.drifted).map((f) => `${f.name} ${f.score}`).join(', ')}` : ''),
  );
  const alerts = r.alerts.map((a) => `ALERT ${a.kind} ${a.camera} ${a.modelVersion} ${a.severity}: ${a.features.map((f) => `${f.name} ${f.score}`).join(', ')} (${a.at})`);
  return [...(lines.length ? lines : ['no windows with data in the 24 hours before ' + r.now]), ...(alerts.length ? alerts : ['no alerts'])].join('\n');
}
