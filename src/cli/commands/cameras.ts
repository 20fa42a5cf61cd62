import type { Command } from 'commander';
import type { RequestName } from '../../shared/contract';
import type { CameraDto } from '../../shared/dto';
import type { CameraRemovedDto, CameraTestDto, UsbDeviceDto } from '../../shared/dto-cameras';
import type { SqliteDatabase } from '../../engine/db/open-database';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import { createRepositories } from '../../engine/db/repositories';
import { createEphemeralSecretBox } from '../../engine/secrets/aes-gcm-secret-box';
import { keyFilePathFor, openKeyFileSecretBox } from '../../engine/secrets/key-file-secret-box';
import { detachedCameras } from '../../engine/cameras/camera-service';
import { cameraHandlers } from '../../engine/handlers/camera-handlers';
import { toCameraDto } from '../../engine/handlers/dto-mappers';
import { EventBus } from '../../engine/wiring/event-bus';
import { contractCall } from '../contract-call';
import type { Handlers } from '../../shared/contract';
import { AccessService } from '../../engine/access/access-service';
import { auditedHandlers } from '../../engine/access/audited-handlers';
import { action, CliError, printResult } from '../output';
import { parseLine, parseZone } from '../parse-geometry';

interface CommonOptions {
  db: string;
  json?: boolean;
}

interface CameraFieldOptions extends CommonOptions {
  name?: string;
  url?: string;
  kind?: string;
  user?: string;
  passwordStdin?: boolean;
  line?: string[];
  zone?: string[];
  fps?: string;
  size?: string;
  model?: string;
  modelVersion?: string;
}

const collect = (value: string, prev: string[] = []): string[] => [...prev, value];

/** A password typed on the command line would show in `ps` and the shell history: read it from stdin. */
async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!text) throw new CliError('INVALID_PASSWORD', '--password-stdin: nothing was read from standard input');
  return text;
}

function parseSize(text: string): { frameWidth: number; frameHeight: number } {
  const m = /^(\d{2,5})x(\d{2,5})$/.exec(text.trim());
  if (!m) throw new CliError('INVALID_SIZE', `--size must be WIDTHxHEIGHT, got "${text}"`);
  return { frameWidth: Number(m[1]), frameHeight: Number(m[2]) };
}

function parseFps(text: string): number {
  const fps = Number(text);
  if (!Number.isFinite(fps)) throw new CliError('INVALID_FPS', `--fps must be a number, got "${text}"`);
  return fps;
}

/**
 * The same handlers the app uses, validated by the same contract, over the database file. No
 * camera runs here: a `serve` running on the same file notices the change and applies it live.
 */
async function withHandlers<T>(dbPath: string, fn: (call: <K extends RequestName>(name: K, input: unknown) => Promise<unknown>, db: SqliteDatabase) => Promise<T>): Promise<T> {
  const db = openMigratedDatabase(dbPath);
  try {
    const repos = createRepositories(db);
    const ctx = { db, repos, events: new EventBus(), host: 'serve' as const, dbPath };
    const secrets = dbPath === ':memory:' ? createEphemeralSecretBox() : openKeyFileSecretBox(keyFilePathFor(dbPath));
    const handlers = cameraHandlers(ctx, { cameras: detachedCameras, secrets });
    // Run as the machine's owner: the audit log and who-columns name that account.
    const access = new AccessService(db, repos);
    return await fn(contractCall(auditedHandlers(handlers as Handlers, access), access.ownerCaller()), db);
  } finally {
    db.close();
  }
}

async function fieldsFrom(o: CameraFieldOptions): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (o.name !== undefined) out.name = o.name;
  if (o.url !== undefined) out.url = o.url;
  if (o.kind !== undefined) out.sourceKind = o.kind;
  if (o.user !== undefined) out.username = o.user;
  if (o.passwordStdin) out.password = await readStdinPassword();
  if (o.fps !== undefined) out.processFps = parseFps(o.fps);
  if (o.size !== undefined) Object.assign(out, parseSize(o.size));
  if (o.model !== undefined) out.modelId = o.model;
  if (o.modelVersion !== undefined) out.modelVersion = o.modelVersion;
  if (o.zone) out.zones = o.zone.map((z, i) => parseZone(z, i)).map(({ name, polygon }) => ({ name, polygon }));
  return out;
}

function describe(c: CameraDto): string {
  const size = c.frameWidth && c.frameHeight ? ` ${c.frameWidth}x${c.frameHeight}` : '';
  const lines = c.lines.map((l) => `${l.name}(${l.x1},${l.y1}→${l.x2},${l.y2})`).join(' ');
  return `${c.cameraId}  ${c.name}  ${c.sourceKind} ${c.url}${c.hasPassword ? ' [password set]' : ''}  ${c.enabled ? 'enabled' : 'disabled'}  ${c.processFps} fps${size}${lines ? `  lines: ${lines}` : ''}`;
}

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--kind <kind>', 'source kind: rtsp, http_mjpeg, usb or file (inferred from the URL; a file needs it)')
    .option('--user <name>', 'user name (instead of user@ in the URL)')
    .option('--password-stdin', 'read the password from standard input (instead of user:password@ in the URL)')
    .option('--zone <x,y;x,y;...>', 'occupancy zone polygon in source pixels (repeatable)', collect)
    .option('--fps <n>', 'frames processed per second (default 5)')
    .option('--size <WxH>', 'the camera picture size the lines are drawn in (probed when left out)')
    .option('--model <modelId>', 'model to run (default: the bundled model)')
    .option('--model-version <version>', 'version of --model');
}

export function registerCamerasCommands(program: Command): void {
  const cameras = program.command('cameras').description('add, list, edit, remove and test cameras');

  fieldOptions(
    cameras
      .command('add')
      .description('add a camera (a running serve on the same database starts it within seconds)')
      .requiredOption('--db <file>', 'SQLite file')
      .requiredOption('--name <name>', 'display name')
      .requiredOption('--url <url>', 'rtsp://, rtsps://, http(s):// MJPEG URL, USB device, or a file path with --kind file')
      .option('--id <cameraId>', 'camera id (default: from the name)')
      .option('--line <x1,y1,x2,y2>', 'counting line in source pixels (repeatable)', collect)
      .option('--disabled', 'store it without starting it')
      .option('--json', 'JSON output'),
  ).action(
    action(async (o: CameraFieldOptions & { id?: string; disabled?: boolean }) => {
      const input: Record<string, unknown> = { ...(await fieldsFrom(o)), ...(o.id ? { cameraId: o.id } : {}), ...(o.disabled ? { enabled: false } : {}) };
      if (o.line) input.lines = o.line.map((l, i) => parseLine(l, i)).map(({ name, x1, y1, x2, y2 }) => ({ name, x1, y1, x2, y2 }));
      const cam = await withHandlers(o.db, async (call) => (await call('cameras:add', input)) as CameraDto);
      printResult(!!o.json, cam, () => `added ${describe(cam)}`);
    }),
  );

  cameras
    .command('list')
    .description('list the cameras (URLs without credentials)')
    .requiredOption('--db <file>', 'SQLite file')
    .option('--json', 'JSON output')
    .action(
      action(async (o: CommonOptions) => {
        const list = await withHandlers(o.db, async (_call, db) => {
          const repos = createRepositories(db);
          return repos.cameras.list().map((c) => toCameraDto(c, repos.countingLines.listForCamera(c.cameraId), repos.countingZones.listForCamera(c.cameraId)));
        });
        printResult(!!o.json, list, () => (list.length === 0 ? 'no cameras' : list.map(describe).join('\n')));
      }),
    );

  fieldOptions(
    cameras
      .command('edit')
      .description('change a camera; only that camera restarts')
      .requiredOption('--db <file>', 'SQLite file')
      .requiredOption('--id <cameraId>', 'camera to change')
      .option('--name <name>', 'display name')
      .option('--url <url>', 'new address (credentials in it are split off and encrypted)')
      .option('--line <x1,y1,x2,y2>', 'replaces the counting lines, in order: the Nth keeps the Nth line\'s totals (repeatable)', collect)
      .option('--clear-password', 'remove the stored password')
      .option('--enable', 'start the camera')
      .option('--disable', 'stop the camera and keep it stored')
      .option('--json', 'JSON output'),
  ).action(
    action(async (o: CameraFieldOptions & { id: string; clearPassword?: boolean; enable?: boolean; disable?: boolean }) => {
      if (o.enable && o.disable) throw new CliError('INVALID_OPTIONS', '--enable and --disable exclude each other');
      if (o.clearPassword && o.passwordStdin) throw new CliError('INVALID_OPTIONS', '--clear-password and --password-stdin exclude each other');
      const input: Record<string, unknown> = { cameraId: o.id, ...(await fieldsFrom(o)) };
      if (o.clearPassword) input.password = null;
      if (o.enable || o.disable) input.enabled = !!o.enable;
      const cam = await withHandlers(o.db, async (call) => {
        if (o.line) {
          const current = (await call('cameras:get', { cameraId: o.id })) as CameraDto;
          input.lines = o.line.map((l, i) => {
            const { name, x1, y1, x2, y2 } = parseLine(l, i);
            const keep = current.lines[i];
            return keep ? { id: keep.id, name: keep.name, x1, y1, x2, y2 } : { name, x1, y1, x2, y2 };
          });
        }
        return (await call('cameras:edit', input)) as CameraDto;
      });
      printResult(!!o.json, cam, () => `changed ${describe(cam)}`);
    }),
  );

  cameras
    .command('remove')
    .description('remove a camera (its counts stay in the database)')
    .requiredOption('--db <file>', 'SQLite file')
    .requiredOption('--id <cameraId>', 'camera to remove')
    .option('--json', 'JSON output')
    .action(
      action(async (o: CommonOptions & { id: string }) => {
        const r = await withHandlers(o.db, async (call) => (await call('cameras:remove', { cameraId: o.id })) as CameraRemovedDto);
        if (!r.removed && !o.json) throw new CliError('NOT_FOUND', `no camera "${o.id}"`);
        printResult(!!o.json, r, () => `removed ${r.cameraId}`);
      }),
    );

  cameras
    .command('test')
    .description('connect once and report the picture size, or why the camera does not answer')
    .option('--db <file>', 'SQLite file (needed with --id)')
    .option('--id <cameraId>', 'a stored camera, with its stored password')
    .option('--url <url>', 'an address to try before adding it')
    .option('--kind <kind>', 'source kind for --url')
    .option('--user <name>', 'user name for --url')
    .option('--password-stdin', 'read the password for --url from standard input')
    .option('--timeout <s>', 'give up after this many seconds', '10')
    .option('--json', 'JSON output')
    .action(
      action(async (o: Partial<CommonOptions> & { id?: string; url?: string; kind?: string; user?: string; passwordStdin?: boolean; timeout: string }) => {
        if ((o.id === undefined) === (o.url === undefined)) throw new CliError('INVALID_OPTIONS', 'give either --id or --url');
        if (o.id !== undefined && !o.db) throw new CliError('INVALID_OPTIONS', '--id needs --db');
        const input: Record<string, unknown> = { timeoutMs: Math.round(Number(o.timeout) * 1000) };
        if (o.id !== undefined) input.cameraId = o.id;
        if (o.url !== undefined) input.url = o.url;
        if (o.kind !== undefined) input.sourceKind = o.kind;
        if (o.user !== undefined) input.username = o.user;
        if (o.passwordStdin) input.password = await readStdinPassword();
        // Without --db nothing is stored: an in-memory database is enough.
        const r = await withHandlers(o.db ?? ':memory:', async (call) => (await call('cameras:test', input)) as CameraTestDto);
        printResult(!!o.json, r, () => (r.ok ? `ok: ${r.message} (${r.elapsedMs} ms)` : `failed (${r.reason}): ${r.message}`));
        if (!r.ok) process.exitCode = 1;
      }),
    );

  cameras
    .command('devices')
    .description('list the USB cameras ffmpeg can open')
    .option('--json', 'JSON output')
    .action(
      action(async (o: { json?: boolean }) => {
        const list = await withHandlers(':memory:', async (call) => (await call('cameras:devices', {})) as UsbDeviceDto[]);
        printResult(!!o.json, list, () => (list.length === 0 ? 'no USB camera found' : list.map((d) => `${d.device}  ${d.name}`).join('\n')));
      }),
    );
}
