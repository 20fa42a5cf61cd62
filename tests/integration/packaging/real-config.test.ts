/**
 * package:check on the real electron-builder.ts and the real node_modules, through
 * electron-builder's own loader, schema and file matchers (offline). What this checkout lacks
 * (ffmpeg-static's binary when its download failed) is computed from disk, never assumed.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageCheck } from '../../../src/packaging/package-check';
import type { PackageCheckReport } from '../../../src/packaging/target-check';

const root = resolve(import.meta.dirname, '../../..');
const ORT = 'node_modules/onnxruntime-node/bin/napi-v6';
const linuxFfmpeg = existsSync(join(root, 'node_modules/ffmpeg-static/ffmpeg'));
const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

let report: PackageCheckReport;
beforeAll(async () => {
  report = await packageCheck({ projectDir: root });
});

const entry = (target: string, path: string) => report.targets.find((t) => t.id === target)?.entries.find((e) => e.path === path);

describe('package:check on the real configuration', () => {
  it('loads and validates it with electron-builder: no configuration problem, the three targets', () => {
    expect(report.configFile).toBe('electron-builder.ts');
    expect(report.versions.builder).toMatch(/^26\./);
    expect(report.versions.electron).toBe('45.5.0');
    expect(report.configProblems).toEqual([]);
    expect(report.targets.map((t) => `${t.id} ${t.formats.join('+')}`)).toEqual(['win-x64 nsis', 'linux-x64 AppImage+deb', 'mac-arm64 dmg']);
    expect(report.notBuilt.map((n) => n.id)).toEqual(['mac-x64']);
    expect(report.notBuilt[0]!.reason).toMatch(/onnxruntime-node@1\.30\.0 ships no darwin\/x64 binary/);
  });

  it('each target ships only its own onnxruntime-node binding and libraries, outside app.asar', () => {
    const own: Record<string, string[]> = {
      'win-x64': [`${ORT}/win32/x64/onnxruntime_binding.node`, `${ORT}/win32/x64/onnxruntime.dll`, `${ORT}/win32/x64/DirectML.dll`],
      'linux-x64': [`${ORT}/linux/x64/onnxruntime_binding.node`, `${ORT}/linux/x64/libonnxruntime.so.1`],
      'mac-arm64': [`${ORT}/darwin/arm64/onnxruntime_binding.node`, `${ORT}/darwin/arm64/libonnxruntime.1.dylib`],
    };
    for (const [target, files] of Object.entries(own)) {
      for (const file of files) expect(entry(target, file), `${target} ${file}`).toMatchObject({ status: 'ok', unpacked: true });
      const t = report.targets.find((x) => x.id === target)!;
      expect(t.entries.filter((e) => e.status === 'leaked'), target).toEqual([]);
      expect(entry(target, 'node_modules/onnxruntime-node/bin/')!.message).toMatch(/files of other platforms left out/);
    }
  });

  it('the model ships in app.asar, sha256-verified; better-sqlite3 and ffmpeg are unpacked', () => {
    for (const t of report.targets) {
      expect(entry(t.id, 'resources/models/yolov8n.onnx'), t.id).toMatchObject({ status: 'ok', unpacked: false });
      expect(entry(t.id, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')!.unpacked, t.id).toBe(true);
    }
    expect(entry('win-x64', 'node_modules/ffmpeg-static/ffmpeg.exe')).toMatchObject({ status: 'build-machine', unpacked: true });
    expect(entry('mac-arm64', 'node_modules/ffmpeg-static/ffmpeg')).toMatchObject({ status: 'build-machine' });
    expect(report.buildMachine.filter((b) => b.startsWith('win-x64: ')).length).toBe(2);
  });

  it.runIf(onLinuxX64)("on this linux-x64 machine, the linux-x64 verdict follows what is on disk: ffmpeg-static's binary is required", () => {
    const ffmpeg = entry('linux-x64', 'node_modules/ffmpeg-static/ffmpeg')!;
    if (linuxFfmpeg) {
      expect(ffmpeg.status).toBe('ok');
      expect(report.ok).toBe(true);
    } else {
      expect(ffmpeg.status).toBe('missing');
      expect(report.ok).toBe(false);
      expect(report.failures).toEqual([expect.stringMatching(/^linux-x64: ffmpeg MISSING node_modules\/ffmpeg-static\/ffmpeg: .*npm rebuild ffmpeg-static/)]);
    }
    const sqlite = entry('linux-x64', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')!;
    expect(sqlite.status).toBe('ok');
    // The ABI electron-builder's rebuild targets, from @electron/rebuild's own node-abi table.
    expect(sqlite.message).toMatch(/rebuilds it for Electron 45\.5\.0 \(ABI \d+\)/);
  });

  it('a required file missing from the real node_modules fails with a message naming it', async () => {
    const lib = `${ORT}/linux/x64/libonnxruntime.so.1`;
    const broken = await packageCheck({
      projectDir: root,
      host: { nodeOs: 'linux', arch: 'x64' },
      only: ['linux-x64'],
      facts: (f) => ({ ...f, files: f.files.filter((x) => x !== lib && x !== 'resources/models/yolov8n.onnx') }),
    });
    expect(broken.ok).toBe(false);
    expect(broken.failures).toEqual(
      expect.arrayContaining([
        'linux-x64: model MISSING resources/models/yolov8n.onnx: the default model is not here: run `npm run fetch-assets` (npm registry only, sha256-verified)',
        'linux-x64: onnxruntime MISSING node_modules/onnxruntime-node/bin/napi-v*/linux/x64/libonnxruntime.so.*: onnxruntime-node@1.30.0 has no linux/x64 shared library here (the binding cannot load without it)',
      ]),
    );
  });
});

describe('package:check on a broken configuration (real electron-builder, real node_modules)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'footfall-builder-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a platform `files` of exclusions only: the whole project would ship, another OS leaks in, fuses missing', async () => {
    const file = join(dir, 'electron-builder.json');
    writeFileSync(
      file,
      JSON.stringify({
        appId: 'app.footfall.desktop',
        asarUnpack: ['node_modules/better-sqlite3/**'],
        files: ['out/**/*', 'resources/models/yolov8n.onnx'],
        linux: { target: [{ target: 'AppImage', arch: ['x64'] }, { target: 'deb', arch: ['x64'] }], files: ['!node_modules/onnxruntime-node/bin/napi-v*/darwin/**'] },
      }),
    );
    const bad = await packageCheck({ projectDir: root, configFile: file, host: { nodeOs: 'linux', arch: 'x64' } });
    expect(bad.ok).toBe(false);
    expect(bad.configProblems).toEqual(
      expect.arrayContaining([
        'electronFuses is missing: the packaged Electron keeps RunAsNode, NODE_OPTIONS and --inspect on',
        'target win-x64 nsis is missing (win.target)',
        expect.stringMatching(/^linux\.files holds only exclusions/),
      ]),
    );
    const linux = bad.targets.find((t) => t.id === 'linux-x64')!;
    const statuses = (s: string) => linux.entries.filter((e) => e.status === s).map((e) => e.path);
    // (.dll files never ship outside Windows: electron-builder drops them there by default.)
    expect(statuses('leaked')).toEqual(expect.arrayContaining([`${ORT}/win32/x64/onnxruntime_binding.node`, `${ORT}/linux/arm64/libonnxruntime.so.1`, expect.stringContaining('src/main/index.ts')]));
    expect(statuses('leaked')).not.toContain(`${ORT}/win32/x64/onnxruntime.dll`);
    expect(statuses('packed')).toEqual(expect.arrayContaining([`${ORT}/linux/x64/libonnxruntime.so.1`, `${ORT}/linux/x64/onnxruntime_binding.node`]));
  });

  it('electron-builder schema errors are reported in its words', async () => {
    const file = join(dir, 'unknown-option.json');
    writeFileSync(file, JSON.stringify({ appId: 'app.footfall.desktop', electronFusez: {} }));
    const bad = await packageCheck({ projectDir: root, configFile: file, only: ['current'] });
    expect(bad.configProblems[0]).toMatch(/^electron-builder rejects the configuration: .*electronFusez/s);
  });
});

describe('npm run package:check', () => {
  it('--json prints the report and exits 0 only when it is ok', async () => {
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [tsx, 'src/packaging/package-check.ts', ...args], { cwd: root }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const win = await run(['--json', '--only', 'win-x64']);
    const parsed = JSON.parse(win.stdout) as PackageCheckReport;
    expect(parsed.targets.map((t) => t.id)).toEqual(['win-x64']);
    expect(win.code).toBe(parsed.ok ? 0 : 1);
    expect(parsed.ok).toBe(true);
    const usage = await run(['--nope']);
    expect(usage.code).toBe(2);
  });
});
