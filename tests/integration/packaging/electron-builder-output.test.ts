/**
 * electron-builder itself packages what package:check predicts. A real `electron-builder --linux
 * dir` run on the real configuration and node_modules, offline: a stand-in Electron
 * distribution (electronDist) replaces the download, npmRebuild is off so node_modules is left
 * as it is (the tests' better-sqlite3 stays Node's), and the fuses are not flipped (the stand-in
 * has no fuse wire). Then every file package:check lists for linux-x64 is compared with
 * app.asar and app.asar.unpacked.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Arch, build, Platform } from 'electron-builder';
import builderConfig from '../../../electron-builder';
import { packageCheck } from '../../../src/packaging/package-check';
import { NEVER_SHIPPED } from '../../../src/packaging/target-check';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'footfall-eb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe.runIf(process.platform === 'linux')('electron-builder --linux dir (stand-in Electron, offline)', () => {
  it('packages exactly what package:check lists for linux-x64: own native files unpacked, model in app.asar, no other platform, no sources', async () => {
    // A stand-in Electron: the executable and the files electron-builder copies.
    const dist = join(work, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'LICENSE'), '');
    writeFileSync(join(dist, 'LICENSES.chromium.html'), '');
    const config: Record<string, unknown> = {
      ...builderConfig,
      electronDist: dist,
      electronVersion: '45.5.0',
      npmRebuild: false,
      directories: { output: join(work, 'out'), buildResources: 'build' },
    };
    delete config.electronFuses;
    const configFile = join(work, 'electron-builder.json');
    writeFileSync(configFile, JSON.stringify(config));
    await build({ projectDir: root, config: configFile, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never' });

    const resources = join(work, 'out', 'linux-unpacked', 'resources');
    const asarLib = createRequire(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'))('@electron/asar') as { listPackage(file: string, o: object): string[] };
    const asarEntries = new Set(asarLib.listPackage(join(resources, 'app.asar'), {}).map((p) => p.replace(/^[\\/]/, '').split('\\').join('/')));
    const unpacked = new Set(filesUnder(join(resources, 'app.asar.unpacked')));
    const packedFiles = [...asarEntries].filter((p) => !unpacked.has(p) && existsSync(join(root, p)) && statSync(join(root, p)).isFile());

    const report = await packageCheck({ projectDir: root, only: ['linux-x64'], host: { nodeOs: 'linux', arch: 'x64' } });
    const linux = report.targets[0]!;
    const listed = linux.entries.filter((e) => e.status === 'ok' && !e.path.endsWith('/'));
    expect(listed.length).toBeGreaterThan(8);
    for (const e of listed) {
      expect(asarEntries.has(e.path) || unpacked.has(e.path), `${e.path} is in the package`).toBe(true);
      expect(unpacked.has(e.path), `${e.path} unpacked`).toBe(e.unpacked);
    }
    // ffmpeg-static's binary, when this checkout has it, is shipped unpacked.
    if (existsSync(join(root, 'node_modules/ffmpeg-static/ffmpeg'))) expect(unpacked.has('node_modules/ffmpeg-static/ffmpeg')).toBe(true);
    else expect(asarEntries.has('node_modules/ffmpeg-static/ffmpeg')).toBe(false);

    const all = [...asarEntries, ...unpacked];
    const ort = all.filter((p) => /^node_modules\/onnxruntime-node\/bin\/napi-v\d+\/[^/]+\/[^/]+\/[^/]+$/.test(p));
    expect(ort.length).toBeGreaterThan(0);
    expect(ort.filter((p) => !p.includes('/linux/x64/'))).toEqual([]);
    expect(all.filter((p) => NEVER_SHIPPED.includes(p) || /^(src|tests|docs|scripts)\//.test(p))).toEqual([]);
    // Native code never sits inside app.asar.
    expect(packedFiles.filter((p) => /\.(node|so(\.\d+)*|dll|dylib)$/.test(p))).toEqual([]);
    expect(asarEntries.has('package.json')).toBe(true);
  }, 240_000);
});
