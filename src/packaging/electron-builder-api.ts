/**
 * electron-builder's own config loader, schema validation and file matchers, loaded from
 * node_modules (app-builder-lib, resolved through electron-builder so hoisting does not matter),
 * so package:check judges files exactly as a real build would — offline, without Electron.
 * The pieces used are internal to app-builder-lib (`out/util/config/*`, `out/fileMatcher`); the
 * tests on the real configuration fail loudly if an upgrade moves them.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import type { PackageTarget } from './package-rules';
import type { PackRules } from './target-check';

interface StatLike {
  isDirectory(): boolean;
  moduleFullFilePath?: string;
}
type Filter = (file: string, stat: StatLike) => boolean;
interface FileMatcherLike {
  from: string;
  patterns: string[];
  createFilter(): Filter;
}
type MacroExpander = (pattern: string) => string;
interface PackagerInfoLike {
  projectDir: string;
  buildResourcesDir: string;
  config: Configuration;
  isPrepackedAppAsar: boolean;
  debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void };
}

interface AppBuilderLib {
  version: string;
  readConfig(projectDir: string, configFile: string): Promise<Configuration>;
  merge(config: Configuration): Configuration;
  validate(config: Configuration): Promise<void>;
  getMainFileMatchers(appDir: string, dest: string, macro: MacroExpander, platformOptions: object, packager: { info: PackagerInfoLike }, outDir: string, isElectronCompile: boolean): FileMatcherLike[];
  getNodeModuleFileMatcher(appDir: string, dest: string, macro: MacroExpander, platformOptions: object, info: PackagerInfoLike): FileMatcherLike;
  getFileMatchers(config: Configuration, name: 'asarUnpack', dest: string, options: { macroExpander: MacroExpander; customBuildOptions: object; globalOutDir: string; defaultSrc: string }): FileMatcherLike[] | null;
  excludedExts: string;
  FileMatcher: new (from: string, to: string, macro: MacroExpander, patterns: string[]) => FileMatcherLike;
  electronAbi(version: string): string | null;
}

/** app-builder-lib as electron-builder itself loads it. Throws, saying what to install, if absent. */
export function loadAppBuilderLib(projectDir: string): AppBuilderLib {
  let fromBuilder: NodeJS.Require;
  try {
    fromBuilder = createRequire(createRequire(join(projectDir, 'package.json')).resolve('electron-builder/package.json'));
  } catch {
    throw new Error('electron-builder is not installed: run `npm ci` (it is a devDependency)');
  }
  const lib = (p: string) => fromBuilder(`app-builder-lib/${p}`) as Record<string, unknown>;
  const load = lib('out/util/config/load') as { getConfig(request: object, configPath: string): Promise<{ result: unknown } | null> };
  const config = lib('out/util/config/config') as { doMergeConfigs(c: Configuration[]): Configuration; validateConfiguration(c: Configuration, logger: object): Promise<void> };
  const matchers = lib('out/fileMatcher') as unknown as Pick<AppBuilderLib, 'getMainFileMatchers' | 'getNodeModuleFileMatcher' | 'getFileMatchers' | 'excludedExts' | 'FileMatcher'>;
  const version = (lib('package.json') as { version: string }).version;
  const silent = { isEnabled: false, add: () => undefined };
  return {
    version,
    async readConfig(dir, configFile) {
      const read = await load.getConfig({ packageKey: 'build', configFilename: 'electron-builder', projectDir: dir, packageMetadata: null }, configFile);
      if (!read || typeof read.result !== 'object' || read.result === null) throw new Error(`${configFile}: no configuration in it`);
      return read.result as Configuration;
    },
    // doMergeConfigs normalises `files` in place: give it a copy.
    merge: (c) => config.doMergeConfigs([structuredClone(c)]),
    validate: (c) => config.validateConfiguration(c, silent),
    getMainFileMatchers: matchers.getMainFileMatchers,
    getNodeModuleFileMatcher: matchers.getNodeModuleFileMatcher,
    getFileMatchers: matchers.getFileMatchers,
    excludedExts: matchers.excludedExts,
    FileMatcher: matchers.FileMatcher,
    electronAbi(electronVersion) {
      try {
        // @electron/rebuild (what npmRebuild runs) is ESM with an exports map: find its folder
        // on the lookup path and ask its own node-abi, the table the rebuild itself uses.
        const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
        const dir = (fromLib.resolve.paths('@electron/rebuild') ?? []).map((d) => join(d, '@electron', 'rebuild')).find((d) => existsSync(join(d, 'package.json')));
        if (!dir) return null;
        const fromRebuild = createRequire(join(dir, 'package.json'));
        return String((fromRebuild('node-abi') as { getAbi(v: string, runtime: string): string }).getAbi(electronVersion, 'electron'));
      } catch {
        return null;
      }
    },
  };
}

function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1, -1).map((_, i) => parts.slice(0, i + 2).join('/'));
}

/**
 * The file rules of one target, as electron-builder applies them: the main file matchers for the
 * app's own files, the node_modules matcher (only the exclusions of `files`, plus its default
 * extension exclusions: .dll/.exe outside Windows) for dependencies, and asarUnpack. A file is
 * in the package when it and every folder above it pass, as electron-builder's walk descends.
 */
export function packRulesFor(lib: AppBuilderLib, merged: Configuration, target: PackageTarget, projectDir: string): PackRules {
  const platformOptions = (merged[target.os] ?? {}) as object;
  const macro: MacroExpander = (p) => p.replace(/\$\{arch\}/g, target.arch).replace(/\$\{os\}/g, target.os).replace(/\$\{platform\}/g, target.nodeOs);
  const dest = resolve(projectDir, '.package-check-app');
  const outDir = resolve(projectDir, merged.directories?.output ?? 'dist');
  const info: PackagerInfoLike = {
    projectDir,
    buildResourcesDir: resolve(projectDir, merged.directories?.buildResources ?? 'build'),
    config: merged,
    isPrepackedAppAsar: false,
    debugLogger: { isEnabled: false, add: () => undefined },
  };
  const main = lib.getMainFileMatchers(projectDir, dest, macro, platformOptions, { info }, outDir, false).map((m) => ({ from: m.from, filter: m.createFilter() }));
  const modules = lib.getNodeModuleFileMatcher(projectDir, dest, macro, platformOptions, info);
  const excludedExts = ['.o', '.obj', '.pdb', ...lib.excludedExts.split(',').map((e) => `.${e}`), ...(target.nodeOs === 'win32' ? [] : ['.dll', '.exe'])];
  const unpack = lib.getFileMatchers(merged, 'asarUnpack', dest, { macroExpander: macro, customBuildOptions: platformOptions, globalOutDir: outDir, defaultSrc: projectDir })?.[0]?.createFilter() ?? null;
  const dir: StatLike = { isDirectory: () => true };
  const file: StatLike = { isDirectory: () => false };

  const perDependency = new Map<string, Filter>();
  function moduleFilter(path: string): Filter | null {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (!m) return null;
    if (modules.patterns.length === 0) return () => true;
    // electron-builder builds one matcher per dependency, from that dependency's folder
    // (appFileCopier.computeNodeModuleFileSets).
    const cached = perDependency.get(m[1]!);
    if (cached) return cached;
    const filter = new lib.FileMatcher(join(projectDir, 'node_modules', m[1]!), join(dest, 'node_modules', m[1]!), macro, modules.patterns).createFilter();
    perDependency.set(m[1]!, filter);
    return filter;
  }

  function includesModuleFile(path: string): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (excludedExts.some((ext) => name.endsWith(ext))) return false;
    const filter = moduleFilter(path)!;
    const depRoot = /^node_modules\/(?:@[^/]+\/)?[^/]+/.exec(path)![0];
    const dirs = ancestors(path).filter((a) => a.length > depRoot.length);
    return dirs.every((d) => filter(join(projectDir, d), { ...dir, moduleFullFilePath: d })) && filter(join(projectDir, path), { ...file, moduleFullFilePath: path });
  }

  function includesAppFile(path: string): boolean {
    return main.some(({ from, filter }) => {
      const abs = join(projectDir, path);
      if (!abs.startsWith(from)) return false;
      const dirs = ancestors(path).map((d) => join(projectDir, d)).filter((d) => d.length > from.length);
      return dirs.every((d) => filter(d, dir)) && filter(abs, file);
    });
  }

  return {
    includes: (path) => (path.startsWith('node_modules/') ? includesModuleFile(path) : includesAppFile(path)),
    unpacks(path) {
      if (merged.asar === false) return true;
      if (!unpack) return false;
      const stat = path.startsWith('node_modules/') ? { ...file, moduleFullFilePath: path } : file;
      return unpack(join(projectDir, path), stat);
    },
  };
}
