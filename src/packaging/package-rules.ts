/**
 * What a Footfall installer must be, as pure rules over the electron-builder configuration and
 * package.json: the targets, the app id, asar, the fuses, the per-platform file lists, the
 * production dependencies. No I/O: package-check.ts loads the inputs (src/packaging/README.md).
 */
import type { Configuration } from 'electron-builder';

export type BuilderOs = 'win' | 'linux' | 'mac';
export type NodeOs = 'win32' | 'linux' | 'darwin';
export type Arch = 'x64' | 'arm64';

export const NODE_OS: Readonly<Record<BuilderOs, NodeOs>> = { win: 'win32', linux: 'linux', mac: 'darwin' };
export const BUILDER_OS: Readonly<Record<NodeOs, BuilderOs>> = { win32: 'win', linux: 'linux', darwin: 'mac' };

/** One installer build: an OS and an architecture, and the formats made for it. */
export interface PackageTarget {
  /** `win-x64`, `linux-x64`, `mac-arm64`… */
  id: string;
  os: BuilderOs;
  nodeOs: NodeOs;
  arch: Arch;
  /** electron-builder target names: nsis, AppImage, deb, dmg. */
  formats: string[];
}

export function targetId(os: BuilderOs, arch: string): string {
  return `${os}-${arch}`;
}

/** The installers Footfall ships; each must be in the configuration. */
export const REQUIRED_TARGETS: readonly Pick<PackageTarget, 'os' | 'arch' | 'formats'>[] = [
  { os: 'win', arch: 'x64', formats: ['nsis'] },
  { os: 'linux', arch: 'x64', formats: ['AppImage', 'deb'] },
  { os: 'mac', arch: 'arm64', formats: ['dmg'] },
];

/**
 * Targets looked at even when not configured, so the report says why they are not built
 * (Intel Macs: onnxruntime-node 1.30 has no darwin/x64 binary).
 */
export const CONSIDERED_TARGETS: readonly Pick<PackageTarget, 'os' | 'arch' | 'formats'>[] = [...REQUIRED_TARGETS, { os: 'mac', arch: 'x64', formats: ['dmg'] }];

/** The fuses, in electron-builder's `electronFuses` names, and the value each must have. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
} as const;

/** The same fuses as @electron/fuses names them (FuseV1Options), to check that package knows them. */
export const FUSE_OPTION_NAMES: Readonly<Record<keyof typeof REQUIRED_FUSES, string>> = {
  runAsNode: 'RunAsNode',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  enableCookieEncryption: 'EnableCookieEncryption',
};

/** Packages whose files the installer cannot work without, and where package.json must list them. */
export const NATIVE_DEPENDENCIES = [
  { name: 'better-sqlite3', in: ['dependencies'] },
  { name: 'onnxruntime-node', in: ['dependencies'] },
  { name: 'ffmpeg-static', in: ['dependencies', 'optionalDependencies'] },
] as const;

export interface PackageJsonLike {
  name?: string;
  version?: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

type PlatformOptions = NonNullable<Configuration['win'] | Configuration['linux'] | Configuration['mac']>;

function asArray<T>(value: T | readonly T[] | null | undefined): T[] {
  if (value == null) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

function platformOptions(config: Configuration, os: BuilderOs): PlatformOptions | undefined {
  return (config[os] ?? undefined) as PlatformOptions | undefined;
}

/** The targets a configuration builds, one per OS and architecture, with their formats. */
export function configuredTargets(config: Configuration): { targets: PackageTarget[]; problems: string[] } {
  const byId = new Map<string, PackageTarget>();
  const problems: string[] = [];
  for (const os of ['win', 'linux', 'mac'] as const) {
    for (const entry of asArray(platformOptions(config, os)?.target as unknown)) {
      const spec = typeof entry === 'string' ? { target: entry } : (entry as { target?: unknown; arch?: unknown });
      const format = typeof spec.target === 'string' ? spec.target : String(spec.target);
      const arches = asArray(spec.arch as string | string[] | undefined);
      if (arches.length === 0) {
        problems.push(`${os} target "${format}" names no arch: electron-builder would pick the build machine's; write it (e.g. arch: ['x64'])`);
        continue;
      }
      for (const arch of arches) {
        if (arch !== 'x64' && arch !== 'arm64') {
          problems.push(`${os} target "${format}" arch "${arch}" is not supported (x64 or arm64)`);
          continue;
        }
        const id = targetId(os, arch);
        const target = byId.get(id) ?? { id, os, nodeOs: NODE_OS[os], arch, formats: [] };
        if (!target.formats.includes(format)) target.formats.push(format);
        byId.set(id, target);
      }
    }
  }
  return { targets: [...byId.values()], problems };
}

function stringPatterns(files: unknown): string[] {
  return asArray(files as unknown).filter((p): p is string => typeof p === 'string');
}

/**
 * Everything wrong with the configuration and package.json, each in plain words (empty: fine).
 * The per-file rules (what each target contains and unpacks) are checked by checkTarget.
 */
export function configProblems(config: Configuration, pkg: PackageJsonLike): string[] {
  const problems: string[] = [];
  if (typeof config.appId !== 'string' || !/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/i.test(config.appId)) {
    problems.push(`appId must be a reverse-DNS id (e.g. app.footfall.desktop), got ${JSON.stringify(config.appId)}`);
  }
  if (config.asar === false) problems.push('asar must be on: the app, the model and the integrity check live in app.asar');
  if ((config as { disableAsarIntegrity?: boolean }).disableAsarIntegrity === true) problems.push('disableAsarIntegrity must not be set: the asar integrity fuse needs the embedded hash');
  if (stringPatterns(config.asarUnpack).length === 0) problems.push('asarUnpack is empty: onnxruntime-node, better-sqlite3 and ffmpeg cannot run from inside app.asar');
  if (config.npmRebuild === false) problems.push("npmRebuild is off: better-sqlite3 would ship built for Node's ABI and fail to load in Electron");

  const fuses = (config.electronFuses ?? null) as Record<string, unknown> | null;
  if (!fuses) problems.push('electronFuses is missing: the packaged Electron keeps RunAsNode, NODE_OPTIONS and --inspect on');
  else {
    for (const [name, want] of Object.entries(REQUIRED_FUSES)) {
      if (fuses[name] !== want) problems.push(`electronFuses.${name} must be ${want}, got ${JSON.stringify(fuses[name])}`);
    }
  }

  const { targets, problems: targetProblems } = configuredTargets(config);
  problems.push(...targetProblems);
  for (const required of REQUIRED_TARGETS) {
    const id = targetId(required.os, required.arch);
    const found = targets.find((t) => t.id === id);
    for (const format of required.formats) {
      if (!found?.formats.includes(format)) problems.push(`target ${id} ${format} is missing (${required.os}.target)`);
    }
  }

  for (const os of new Set(targets.map((t) => t.os))) {
    const own = stringPatterns(platformOptions(config, os)?.files);
    if (own.length === 0) {
      problems.push(`${os}.files is missing: each platform needs its own filter so it ships only its own onnxruntime-node and ffmpeg binaries`);
    } else if (own.every((p) => p.startsWith('!'))) {
      problems.push(
        `${os}.files holds only exclusions: electron-builder then adds its "**/*" default and packages the whole project (src/, tests/, docs/…); list the app's files there too`,
      );
    }
  }

  for (const dep of NATIVE_DEPENDENCIES) {
    if (!dep.in.some((where) => pkg[where]?.[dep.name])) {
      problems.push(`package.json must list ${dep.name} in ${dep.in.join(' or ')}: electron-builder packages production dependencies only`);
    }
  }
  if (pkg.dependencies?.electron || pkg.optionalDependencies?.electron) problems.push('electron must be a devDependency (electron-builder refuses it in dependencies)');
  const electron = pkg.devDependencies?.electron;
  if (!electron) problems.push('electron is not in devDependencies: electron-builder needs it to know the Electron version');
  else if (!/^\d+\.\d+\.\d+$/.test(electron)) problems.push(`electron must be pinned to one version (got "${electron}"): native modules are rebuilt for exactly that ABI`);
  if (!pkg.main) problems.push('package.json has no "main": Electron would not find the app');
  return problems;
}

const BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'http', 'https', 'module', 'net', 'os', 'path',
  'perf_hooks', 'process', 'querystring', 'readline', 'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
]);

/**
 * The packages a built main-process file loads at run time (`import … from "x"`, `import("x")`,
 * `require("x")`): bare names only, scope kept (`@stdlib/stats-ttest`), built-ins left out.
 */
export function bareImports(code: string): string[] {
  const found = new Set<string>();
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(["'])([^"'\s]+)\1/gm;
  const packageName = /^(?:node:)?(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@/-]*)?$/i;
  for (const m of code.matchAll(re)) {
    const spec = m[2]!;
    if (!packageName.test(spec)) continue;
    if (spec.startsWith('node:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (BUILTINS.has(name)) continue;
    found.add(name);
  }
  return [...found].sort();
}

/** Packages the built main process loads that the installer would not contain. */
export function unpackagedImports(imports: readonly string[], pkg: PackageJsonLike): string[] {
  const production = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);
  return imports.filter((name) => name !== 'electron' && !production.has(name));
}
