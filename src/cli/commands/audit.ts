import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { auditHandlers } from '../../engine/handlers/audit-handlers';
import { AUDIT_ANSWERS, type AuditAnswer } from '../../shared/requests-audits';
import { action, CliError, printResult } from '../output';
import { withHandlers } from '../with-handlers';

interface Common {
  db: string;
  camera?: string;
  now?: string;
  json?: boolean;
}

function isoOption(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t)) throw new CliError('INVALID_INPUT', `${name} is not an ISO-8601 time (e.g. 2026-11-03T11:00:00Z): ${v}`, 2);
  return new Date(t).toISOString();
}

function cameraIdOf(cameras: Array<{ cameraId: string; name: string }>, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const wanted = name.trim().toLowerCase();
  const cam = cameras.find((c) => c.cameraId === name || c.name.toLowerCase() === wanted);
  if (!cam) throw new CliError('NOT_FOUND', `no camera named "${name}" (cameras: ${cameras.map((c) => c.name).join(', ') || 'none'})`);
  return cam.cameraId;
}

/**
 * `audit next|answer|report` (issue 13 parts 4 and 7): review evidence pictures of counted
 * crossings and of frames with none, and score the model from the answers (README "Audits").
 */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('count review: evidence pictures, answers, precision/recall');
  audit
    .command('next')
    .description('the next item to review (the picture retention runs first)')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--camera <name>', 'one camera (its name or id)')
    .option('--now <iso>', 'the time for the retention pass (default: now)')
    .option('--picture <file>', 'write the evidence JPEG to this file (the JSON then omits the base64)')
    .option('--json', 'JSON output')
    .action(
      action(async (o: Common & { picture?: string }) => {
        const now = isoOption('--now', o.now);
        let cameras: Array<{ cameraId: string; name: string }> = [];
        const r = await withHandlers(
          o.db,
          (ctx) => {
            cameras = ctx.repos.cameras.list();
            return auditHandlers(ctx);
          },
          (call) => {
            const cameraId = cameraIdOf(cameras, o.camera);
            return call('audits:next', { ...(cameraId !== undefined ? { cameraId } : {}), ...(now !== undefined ? { now } : {}) });
          },
        );
        let out: unknown = r;
        if (o.picture && r.item?.picture) {
          writeFileSync(o.picture, Buffer.from(r.item.picture.replace(/^data:image\/jpeg;base64,/, ''), 'base64'));
          out = { ...r, item: { ...r.item, picture: null, pictureFile: o.picture } };
        }
        printResult(!!o.json, out, () =>
          r.item
            ? `#${r.item.id} ${r.item.camera} ${r.item.capturedAt} ${r.item.kind === 'crossing' ? `counted ${r.item.direction} (track ${r.item.trackId}, ${r.item.line})` : 'no crossing'} — ${r.progress.reviewed} reviewed of ${r.progress.total}` +
              (o.picture ? `, picture: ${o.picture}` : '')
            : `nothing to review (${r.progress.reviewed} reviewed${r.enabled ? '' : '; auditing is off: set audit.enabled'})`,
        );
      }),
    );
  audit
    .command('answer')
    .description(`answer an item: ${AUDIT_ANSWERS.join(' | ')}`)
    .argument('<id>', 'the item id (from audit next)')
    .argument('<answer>', AUDIT_ANSWERS.join(' | '))
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action(async (idText: string, answerText: string, o: Common) => {
        const id = Number(idText);
        if (!Number.isInteger(id) || id <= 0) throw new CliError('INVALID_INPUT', `not an item id: ${idText}`, 2);
        if (!(AUDIT_ANSWERS as readonly string[]).includes(answerText)) throw new CliError('INVALID_INPUT', `answer must be one of ${AUDIT_ANSWERS.join(', ')}, got ${answerText}`, 2);
        const r = await withHandlers(o.db, (ctx) => auditHandlers(ctx), (call) => call('audits:answer', { id, answer: answerText as AuditAnswer }));
        const { picture: _p, ...item } = r.item;
        printResult(!!o.json, { ...r, item }, () => `#${id}: ${answerText} (${r.progress.reviewed} reviewed of ${r.progress.total})`);
      }),
    );
  audit
    .command('report')
    .description('precision, recall and F1 per camera and model version from the answers (stored in model_performance_metrics)')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--camera <name>', 'one camera (its name or id)')
    .option('--from <iso>', 'items captured from this time')
    .option('--to <iso>', 'items captured before this time')
    .option('--no-store', 'do not write model_performance_metrics rows')
    .option('--json', 'JSON output')
    .action(
      action(async (o: Common & { from?: string; to?: string; store: boolean }) => {
        const from = isoOption('--from', o.from);
        const to = isoOption('--to', o.to);
        let cameras: Array<{ cameraId: string; name: string }> = [];
        const r = await withHandlers(
          o.db,
          (ctx) => {
            cameras = ctx.repos.cameras.list();
            return auditHandlers(ctx);
          },
          (call) => {
            const cameraId = cameraIdOf(cameras, o.camera);
            return call('audits:report', { ...(cameraId !== undefined ? { cameraId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), store: o.store });
          },
        );
        const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
        printResult(!!o.json, r, () =>
          r.rows.length
            ? r.rows.map((x) => `${x.camera} ${x.modelId ?? '?'} ${x.modelVersion}: ${x.answers} answers, precision ${pct(x.precision)}, recall ${pct(x.recall)}, F1 ${pct(x.f1)} (TP ${x.truePositives}, FP ${x.falsePositives}, FN ${x.falseNegatives})`).join('\n')
            : 'no answers yet',
        );
      }),
    );
}
