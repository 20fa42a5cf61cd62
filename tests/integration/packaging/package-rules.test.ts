/**
 * The packaging rules as pure functions: the configuration's problems, the targets it builds,
 * and per target the verdict on each file that matters, from given facts and file rules.
 */
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import builderConfig, { nativeFilesOnlyFor } from '../../../electron-builder';
import { bareImports, configProblems, configuredTargets, REQUIRED_FUSES, unpackagedImports, type PackageJsonLike, type PackageTarget } from '../../../src/packaging/package-rules';
import { checkTarget, formatReport, runPackageCheck, SQLITE_ADDON, type PackRules, type ProjectFacts } from '../../../src/packaging/target-check';
import { parseArgs } from '../../../src/packaging/package-check';

const pkg: PackageJsonLike = {
  name: 'footfall',
  main: './out/main/index.js',
  dependencies: { 'better-sqlite3': '^12', 'onnxruntime-node': '1.30.0' },
  optionalDependencies: { 'ffmpeg-static': '^5' },
  devDependencies: { electron: '45.5.0' },
};
const SHA = 'a'.repeat(64);
const linux: PackageTarget = { id: 'linux-x64', os: 'linux', nodeOs: 'linux', arch: 'x64', formats: ['AppImage', 'deb'] };
const win: PackageTarget = { id: 'win-x64', os: 'win', nodeOs: 'win32', arch: 'x64', formats: ['nsis'] };
const host = { nodeOs: 'linux', arch: 'x64' };
const ORT = 'node_modules/onnxruntime-node/bin/napi-v6';

/** Everything a complete linux-x64 checkout has (plus the other platforms' onnxruntime files). */
function facts(overrides: Partial<ProjectFacts> = {}, drop: string[] = []): ProjectFacts {
  const files = [
    'resources/models/yolov8n.onnx',
    'resources/samples/person.jpg',
    'out/main/index.js',
    'out/main/engine-host.js',
    'out/main/drift-worker.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'node_modules/ffmpeg-static/ffmpeg',
    SQLITE_ADDON,
    `${ORT}/linux/x64/onnxruntime_binding.node`,
    `${ORT}/linux/x64/libonnxruntime.so.1`,
    `${ORT}/win32/x64/onnxruntime_binding.node`,
    `${ORT}/win32/x64/onnxruntime.dll`,
    `${ORT}/darwin/arm64/onnxruntime_binding.node`,
    `${ORT}/darwin/arm64/libonnxruntime.1.dylib`,
  ].filter((f) => !drop.includes(f));
  return {
    files,
    model: { path: 'resources/models/yolov8n.onnx', sha256: SHA, expectedSha256: SHA },
    sqliteAbi: { loads: true },
    nodeAbi: '115',
    electron: { version: '45.5.0', abi: '150' },
    onnxruntimeVersion: '1.30.0',
    mainImports: ['better-sqlite3', 'electron', 'onnxruntime-node'],
    ...overrides,
  };
}

/** Rules like a correct configuration's: a target keeps its own OS/arch, native code unpacked. */
function rulesFor(target: PackageTarget, tweak: { exclude?: string[]; include?: string[]; pack?: string[] } = {}): PackRules {
  return {
    includes(path) {
      if (tweak.include?.includes(path)) return true;
      if (tweak.exclude?.includes(path)) return false;
      const ort = /onnxruntime-node\/bin\/napi-v\d+\/([^/]+)\/([^/]+)\//.exec(path);
      if (ort) return ort[1] === target.nodeOs && ort[2] === target.arch;
      if (path.startsWith('node_modules/ffmpeg-static/')) return path.endsWith(target.nodeOs === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
      return path.startsWith('out/') || path.startsWith('resources/') || path.startsWith('node_modules/');
    },
    unpacks(path) {
      if (tweak.pack?.includes(path)) return false;
      return /\.(node|so(\.\d+)*|dll|dylib)$/.test(path) || path.includes('ffmpeg-static/ffmpeg') || path.startsWith('resources/samples/');
    },
  };
}

describe('configuration rules', () => {
  it('the real configuration has no problem and builds win-x64 nsis, linux-x64 AppImage+deb, mac-arm64 dmg', () => {
    expect(configProblems(builderConfig, pkg)).toEqual([]);
    const { targets, problems } = configuredTargets(builderConfig);
    expect(problems).toEqual([]);
    expect(targets.map((t) => `${t.id}:${t.formats.join('+')}`)).toEqual(['win-x64:nsis', 'linux-x64:AppImage+deb', 'mac-arm64:dmg']);
    expect(builderConfig.electronFuses).toEqual(REQUIRED_FUSES);
  });

  it('names each thing wrong in plain words', () => {
    const bad: Configuration = {
      ...builderConfig,
      appId: 'footfall',
      asar: false,
      npmRebuild: false,
      electronFuses: { ...REQUIRED_FUSES, runAsNode: true, onlyLoadAppFromAsar: undefined },
      win: { ...builderConfig.win, target: [{ target: 'portable', arch: ['x64'] }] },
      linux: { ...builderConfig.linux, target: [{ target: 'AppImage' }], files: ['!node_modules/onnxruntime-node/bin/napi-v*/win32/**'] },
    };
    const problems = configProblems(bad, { ...pkg, dependencies: { 'onnxruntime-node': '1.30.0', electron: '45.5.0' }, devDependencies: { electron: '^45.0.0' } });
    expect(problems).toEqual([
      'appId must be a reverse-DNS id (e.g. app.footfall.desktop), got "footfall"',
      'asar must be on: the app, the model and the integrity check live in app.asar',
      "npmRebuild is off: better-sqlite3 would ship built for Node's ABI and fail to load in Electron",
      'electronFuses.runAsNode must be false, got true',
      'electronFuses.onlyLoadAppFromAsar must be true, got undefined',
      "linux target \"AppImage\" names no arch: electron-builder would pick the build machine's; write it (e.g. arch: ['x64'])",
      'target win-x64 nsis is missing (win.target)',
      'target linux-x64 AppImage is missing (linux.target)',
      'target linux-x64 deb is missing (linux.target)',
      'package.json must list better-sqlite3 in dependencies: electron-builder packages production dependencies only',
      'electron must be a devDependency (electron-builder refuses it in dependencies)',
      'electron must be pinned to one version (got "^45.0.0"): native modules are rebuilt for exactly that ABI',
    ]);
  });

  it('catches a platform file list of exclusions only (electron-builder would package the whole project)', () => {
    const trap: Configuration = { ...builderConfig, files: ['out/**/*'], mac: { ...builderConfig.mac, files: nativeFilesOnlyFor('darwin', 'arm64') } };
    expect(configProblems(trap, pkg)).toEqual([
      'mac.files holds only exclusions: electron-builder then adds its "**/*" default and packages the whole project (src/, tests/, docs/…); list the app\'s files there too',
    ]);
    const none: Configuration = { ...builderConfig, win: { target: [{ target: 'nsis', arch: ['x64'] }] } };
    expect(configProblems(none, pkg)).toEqual(['win.files is missing: each platform needs its own filter so it ships only its own onnxruntime-node and ffmpeg binaries']);
    expect(configProblems({ ...builderConfig, electronFuses: null }, pkg)).toEqual(['electronFuses is missing: the packaged Electron keeps RunAsNode, NODE_OPTIONS and --inspect on']);
  });

  it('nativeFilesOnlyFor keeps one OS and architecture of onnxruntime-node and the right ffmpeg name', () => {
    expect(nativeFilesOnlyFor('win32', 'x64')).toEqual([
      '!node_modules/onnxruntime-node/bin/napi-v*/linux/**',
      '!node_modules/onnxruntime-node/bin/napi-v*/darwin/**',
      '!node_modules/onnxruntime-node/bin/napi-v*/win32/arm64/**',
      '!node_modules/ffmpeg-static/ffmpeg',
    ]);
    expect(nativeFilesOnlyFor('darwin', 'arm64')).toContain('!node_modules/ffmpeg-static/ffmpeg.exe');
  });

  it('bareImports finds the packages a bundle loads; unpackagedImports the ones an installer would lack', () => {
    const code = [
      'import Database from "better-sqlite3";',
      "import { z } from 'zod';",
      'import "side-effect-only";',
      'const ort = await import("onnxruntime-node");',
      'const t = require("@stdlib/stats-ttest/lib/main.js");',
      'import { join } from "node:path"; import fs from "fs";',
      'import { x } from "./chunks/local.js";',
      'const s = "from" + q.to + ", not an import";',
      'import { app } from "electron";',
    ].join('\n');
    expect(bareImports(code)).toEqual(['@stdlib/stats-ttest', 'better-sqlite3', 'electron', 'onnxruntime-node', 'side-effect-only', 'zod']);
    expect(unpackagedImports(bareImports(code), pkg)).toEqual(['@stdlib/stats-ttest', 'side-effect-only', 'zod']);
  });
});

describe('checkTarget', () => {
  it('a complete checkout passes for this machine, listing each file and where it goes', () => {
    const report = checkTarget(linux, host, facts(), rulesFor(linux));
    expect(report.ok).toBe(true);
    expect(report.thisMachine).toBe(true);
    const byPath = Object.fromEntries(report.entries.map((e) => [e.path, [e.status, e.unpacked]]));
    expect(byPath).toMatchObject({
      'resources/models/yolov8n.onnx': ['ok', false],
      'node_modules/ffmpeg-static/ffmpeg': ['ok', true],
      [SQLITE_ADDON]: ['ok', true],
      [`${ORT}/linux/x64/onnxruntime_binding.node`]: ['ok', true],
      [`${ORT}/linux/x64/libonnxruntime.so.1`]: ['ok', true],
      'node_modules/onnxruntime-node/bin/': ['ok', undefined],
    });
    expect(report.entries.find((e) => e.path === 'node_modules/onnxruntime-node/bin/')!.message).toBe('4 files of other platforms left out (darwin/arm64, win32/x64)');
    expect(report.entries.find((e) => e.path === SQLITE_ADDON)!.message).toBe('built for this Node (ABI 115); `npm run package` rebuilds it for Electron 45.5.0 (ABI 150) in node_modules');
  });

  it('fails, naming the file and what to do, when a required file of this machine is missing', () => {
    const noFfmpeg = checkTarget(linux, host, facts({}, ['node_modules/ffmpeg-static/ffmpeg']), rulesFor(linux));
    expect(noFfmpeg.ok).toBe(false);
    expect(noFfmpeg.entries.filter((e) => e.status === 'missing')).toEqual([
      expect.objectContaining({ item: 'ffmpeg', path: 'node_modules/ffmpeg-static/ffmpeg', message: expect.stringContaining('`npm rebuild ffmpeg-static`') }),
    ]);
    const noLib = checkTarget(linux, host, facts({}, [`${ORT}/linux/x64/libonnxruntime.so.1`]), rulesFor(linux));
    expect(noLib.entries.filter((e) => e.status === 'missing').map((e) => [e.path, e.message])).toEqual([
      [`${ORT.replace('napi-v6', 'napi-v*')}/linux/x64/libonnxruntime.so.*`, 'onnxruntime-node@1.30.0 has no linux/x64 shared library here (the binding cannot load without it)'],
    ]);
    const noModel = checkTarget(linux, host, facts({}, ['resources/models/yolov8n.onnx']), rulesFor(linux));
    expect(noModel.entries.find((e) => e.item === 'model')).toMatchObject({ status: 'missing', message: expect.stringContaining('npm run fetch-assets') });
    const wrongModel = checkTarget(linux, host, facts({ model: { path: 'resources/models/yolov8n.onnx', sha256: 'b'.repeat(64), expectedSha256: SHA } }), rulesFor(linux));
    expect(wrongModel.entries.find((e) => e.item === 'model')!.status).toBe('bad');
    const noSqlite = checkTarget(linux, host, facts({ sqliteAbi: null }, [SQLITE_ADDON]), rulesFor(linux));
    expect(noSqlite.entries.find((e) => e.item === 'better-sqlite3')).toMatchObject({ status: 'missing', message: 'better-sqlite3 is not built: run `npm ci` (it builds or downloads the addon)' });
  });

  it('for another platform, says what its build machine provides instead of failing', () => {
    const report = checkTarget(win, host, facts(), rulesFor(win));
    expect(report.ok).toBe(true);
    expect(report.thisMachine).toBe(false);
    expect(report.entries.filter((e) => e.status === 'build-machine').map((e) => [e.item, e.path])).toEqual([
      ['ffmpeg', 'node_modules/ffmpeg-static/ffmpeg.exe'],
      ['better-sqlite3', SQLITE_ADDON],
    ]);
    expect(report.entries.find((e) => e.item === 'ffmpeg')!.message).toContain('the win-x64 build machine');
    expect(report.entries.filter((e) => e.item === 'onnxruntime' && e.status === 'ok').map((e) => e.path)).toEqual([
      `${ORT}/win32/x64/onnxruntime_binding.node`,
      `${ORT}/win32/x64/onnxruntime.dll`,
      'node_modules/onnxruntime-node/bin/',
    ]);
    // But a binary its npm package should carry is a failure for every target.
    const noDll = checkTarget(win, host, facts({}, [`${ORT}/win32/x64/onnxruntime.dll`]), rulesFor(win));
    expect(noDll.ok).toBe(false);
    expect(noDll.entries.find((e) => e.status === 'missing')!.path).toBe('node_modules/onnxruntime-node/bin/napi-v*/win32/x64/onnxruntime.dll');
  });

  it('fails on another platform leaking in, native code left in app.asar, or a required file filtered out', () => {
    const leak = checkTarget(linux, host, facts(), rulesFor(linux, { include: [`${ORT}/win32/x64/onnxruntime.dll`, 'src/main/index.ts'] }));
    expect(leak.entries.filter((e) => e.status === 'leaked').map((e) => e.path)).toEqual([`${ORT}/win32/x64/onnxruntime.dll`, 'src/main/index.ts']);
    const packed = checkTarget(linux, host, facts(), rulesFor(linux, { pack: [`${ORT}/linux/x64/libonnxruntime.so.1`] }));
    expect(packed.entries.find((e) => e.status === 'packed')).toMatchObject({
      path: `${ORT}/linux/x64/libonnxruntime.so.1`,
      message: 'it would stay inside app.asar, where native code cannot be loaded or run: add it to asarUnpack',
    });
    const excluded = checkTarget(linux, host, facts(), rulesFor(linux, { exclude: ['resources/models/yolov8n.onnx'] }));
    expect(excluded.entries.find((e) => e.item === 'model')).toMatchObject({ status: 'excluded', message: 'the configuration leaves it out of the package (files filters)' });
    expect([leak.ok, packed.ok, excluded.ok]).toEqual([false, false, false]);
  });

  it('an unbuilt app and a missing sample frame are reported, not failed', () => {
    const report = checkTarget(linux, host, facts({}, ['out/main/index.js', 'resources/samples/person.jpg']), rulesFor(linux));
    expect(report.ok).toBe(true);
    expect(report.entries.find((e) => e.path === 'out/main/index.js')!.status).toBe('built-at-package');
    expect(report.entries.find((e) => e.item === 'sample frame')!.status).toBe('warn');
  });

  it('an addon already built for Electron is fine for packaging, and says the tests need a rebuild', () => {
    const report = checkTarget(linux, host, facts({ sqliteAbi: { loads: false, abi: '150', message: 'compiled against NODE_MODULE_VERSION 150' } }), rulesFor(linux));
    expect(report.entries.find((e) => e.item === 'better-sqlite3')).toMatchObject({ status: 'ok', message: expect.stringContaining('`npm rebuild better-sqlite3`') });
  });
});

describe('runPackageCheck and the report', () => {
  const inputs = (over: Partial<Parameters<typeof runPackageCheck>[0]> = {}) => ({
    configFile: 'electron-builder.ts',
    config: builderConfig,
    schemaError: null,
    fuseProblems: [],
    pkg,
    host,
    facts: facts(),
    rulesFor: (t: PackageTarget) => rulesFor(t),
    versions: { builder: '26.17.0', electron: '45.5.0' },
    ...over,
  });

  it('passes a complete checkout, says why mac-x64 is not built and what build machines provide', () => {
    const report = runPackageCheck(inputs());
    expect(report.ok).toBe(true);
    expect(report.targets.map((t) => [t.id, t.ok, t.thisMachine])).toEqual([
      ['win-x64', true, false],
      ['linux-x64', true, true],
      ['mac-arm64', true, false],
    ]);
    expect(report.notBuilt).toEqual([
      { id: 'mac-x64', reason: 'not supported: onnxruntime-node@1.30.0 ships no darwin/x64 binary (bin/napi-v*/darwin has: arm64), so the detector could not load' },
    ]);
    expect(report.buildMachine).toHaveLength(4);
    const text = formatReport(report);
    expect(text).toContain('linux-x64 (AppImage, deb) — this machine\'s platform: ok');
    expect(text).toContain('mac-x64: not built — not supported');
    expect(text.trimEnd().endsWith('Result: ok')).toBe(true);
  });

  it('fails with one line per problem: missing file, schema error, unbundled import, unknown target', () => {
    const report = runPackageCheck(
      inputs({
        facts: facts({ mainImports: ['zod', 'left-pad'] }, ['node_modules/ffmpeg-static/ffmpeg']),
        schemaError: 'Invalid configuration object. configuration has an unknown property "foo".',
        only: ['linux-x64', 'mac-x64'],
      }),
    );
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      'configuration: electron-builder rejects the configuration: Invalid configuration object. configuration has an unknown property "foo".',
      'configuration: out/main imports "zod", which is not a production dependency: the installed app would fail with "Cannot find module \'zod\'"',
      'configuration: out/main imports "left-pad", which is not a production dependency: the installed app would fail with "Cannot find module \'left-pad\'"',
      'configuration: --only mac-x64: the configuration builds no such target (it builds win-x64, linux-x64, mac-arm64)',
      expect.stringMatching(/^linux-x64: ffmpeg MISSING node_modules\/ffmpeg-static\/ffmpeg: ffmpeg-static's binary is not here/),
    ]);
    expect(report.targets.map((t) => t.id)).toEqual(['linux-x64']);
    const text = formatReport(report);
    expect(text).toContain('  MISSING       ffmpeg         node_modules/ffmpeg-static/ffmpeg — ');
    expect(text).toContain('Result: FAIL (5)');
  });

  it('parseArgs', () => {
    expect(parseArgs([])).toEqual({ json: false });
    expect(parseArgs(['--json', '--only', 'win-x64,linux-x64', '--config', 'x.ts'])).toEqual({ json: true, only: ['win-x64', 'linux-x64'], configFile: 'x.ts' });
    expect(parseArgs(['--only'])).toEqual({ error: '--only needs a value' });
    expect(parseArgs(['--bogus'])).toMatchObject({ error: expect.stringMatching(/^unknown option --bogus/) });
  });
});
