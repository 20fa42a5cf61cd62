/**
 * `npm run package:check [-- --json] [--only ID,ID|current] [--config FILE]`: loads and validates
 * the electron-builder configuration with electron-builder's own loader and schema, then, per
 * target, lists the files that matter (model, ffmpeg, better-sqlite3's addon, onnxruntime-node's
 * binding and libraries) as the configuration would package them. Offline. Exit 1 when anything
 * required is missing or misconfigured; what only another platform's build machine can provide
 * is printed, not failed. The rules are in package-rules.ts and target-check.ts (pure).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MODEL_FILE, DEFAULT_MODEL_SHA256 } from '../engine/paths';
import { loadAppBuilderLib, packRulesFor } from './electron-builder-api';
import { bareImports, BUILDER_OS, FUSE_OPTION_NAMES, type NodeOs, type PackageJsonLike } from './package-rules';
import { APP_CODE, formatReport, runPackageCheck, SQLITE_ADDON, type AbiProbe, type PackageCheckReport, type ProjectFacts } from './target-check';

export const DEFAULT_CONFIG_FILE = 'electron-builder.ts';

function posix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function walk(projectDir: string, dir: string, out: string[]): void {
  const abs = join(projectDir, dir);
  if (!existsSync(abs)) return;
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(projectDir, rel, out);
    else out.push(rel);
  }
}

/** Loads a native addon in this process: it loads, or the ABI it was built for (from Node's message). */
export function probeAddon(file: string): AbiProbe {
  try {
    process.dlopen({ exports: {} } as NodeJS.Module, file);
    return { loads: true };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const abi = /NODE_MODULE_VERSION (\d+)/.exec(message)?.[1] ?? null;
    return { loads: false, abi, message };
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function version(projectDir: string, pkgName: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(projectDir, 'node_modules', pkgName, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** What is on disk that the installers need, gathered once. */
export function gatherFacts(projectDir: string, electronAbi: (v: string) => string | null): ProjectFacts {
  const files: string[] = [];
  for (const dir of ['resources/models', 'resources/samples', 'node_modules/onnxruntime-node/bin', 'node_modules/better-sqlite3/build/Release']) walk(projectDir, dir, files);
  for (const f of [...APP_CODE, 'node_modules/ffmpeg-static/ffmpeg', 'node_modules/ffmpeg-static/ffmpeg.exe']) {
    if (existsSync(join(projectDir, f))) files.push(f);
  }
  const relevant = files.filter((f) => !f.includes('/obj.target/') && !f.includes('/.deps/'));
  const sizes: Record<string, number> = {};
  for (const f of relevant) sizes[f] = statSync(join(projectDir, f)).size;
  const model = `resources/models/${DEFAULT_MODEL_FILE}`;
  const modelAbs = join(projectDir, model);
  const electronVersion = version(projectDir, 'electron');
  const sqliteAbs = join(projectDir, SQLITE_ADDON);
  let mainImports: string[] | null = null;
  if (existsSync(join(projectDir, 'out', 'main'))) {
    const js: string[] = [];
    walk(projectDir, 'out/main', js);
    mainImports = [...new Set(js.filter((f) => f.endsWith('.js')).flatMap((f) => bareImports(readFileSync(join(projectDir, f), 'utf8'))))].sort();
  }
  return {
    files: relevant,
    sizes,
    model: { path: model, sha256: existsSync(modelAbs) ? sha256(modelAbs) : null, expectedSha256: DEFAULT_MODEL_SHA256 },
    sqliteAbi: existsSync(sqliteAbs) ? probeAddon(sqliteAbs) : null,
    nodeAbi: process.versions.modules,
    electron: { version: electronVersion, abi: electronVersion ? electronAbi(electronVersion) : null },
    onnxruntimeVersion: version(projectDir, 'onnxruntime-node'),
    mainImports,
  };
}

async function fuseProblems(projectDir: string): Promise<string[]> {
  try {
    const url = pathToFileURL(join(projectDir, 'node_modules', '@electron', 'fuses', 'dist', 'index.js')).href;
    const { FuseV1Options } = (await import(url)) as { FuseV1Options: Record<string, unknown> };
    return Object.values(FUSE_OPTION_NAMES)
      .filter((name) => typeof FuseV1Options[name] !== 'number')
      .map((name) => `@electron/fuses does not know the fuse ${name}: update @electron/fuses`);
  } catch {
    return ['@electron/fuses is not installed (electron-builder flips the fuses with it): run `npm ci`'];
  }
}

export interface PackageCheckOptions {
  projectDir: string;
  configFile?: string;
  /** Target ids, or ['current'] for this machine's. */
  only?: readonly string[];
  host?: { nodeOs: NodeOs | string; arch: string };
  /** Replaces the facts gathered from disk (tests). */
  facts?: (gathered: ProjectFacts) => ProjectFacts;
}

export async function packageCheck(options: PackageCheckOptions): Promise<PackageCheckReport> {
  const projectDir = resolve(options.projectDir);
  const configFile = options.configFile ?? DEFAULT_CONFIG_FILE;
  const host = options.host ?? { nodeOs: process.platform, arch: process.arch };
  const lib = loadAppBuilderLib(projectDir);
  const config = await lib.readConfig(projectDir, configFile);
  const merged = lib.merge(config);
  let schemaError: string | null = null;
  try {
    await lib.validate(merged);
  } catch (err) {
    schemaError = (err instanceof Error ? err.message : String(err)).split('\n  How to fix:')[0]!.trim();
  }
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as PackageJsonLike;
  const gathered = gatherFacts(projectDir, (v) => lib.electronAbi(v));
  const facts = options.facts ? options.facts(gathered) : gathered;
  const only = options.only?.flatMap((id) => (id === 'current' ? [`${BUILDER_OS[host.nodeOs as NodeOs] ?? host.nodeOs}-${host.arch}`] : [id]));
  return runPackageCheck({
    configFile: posix(relative(projectDir, resolve(projectDir, configFile))),
    config,
    schemaError,
    fuseProblems: await fuseProblems(projectDir),
    pkg,
    host,
    facts,
    rulesFor: (target) => packRulesFor(lib, merged, target, projectDir),
    ...(only ? { only } : {}),
    versions: { builder: lib.version, electron: facts.electron.version },
  });
}

const USAGE = 'usage: npm run package:check [-- --json] [--only win-x64,linux-x64,mac-arm64|current] [--config electron-builder.ts]';

export function parseArgs(argv: readonly string[]): { json: boolean; only?: string[]; configFile?: string } | { error: string } {
  const out: { json: boolean; only?: string[]; configFile?: string } = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') out.json = true;
    else if (arg === '--only' || arg === '--config') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) return { error: `${arg} needs a value` };
      if (arg === '--only') out.only = value.split(',').map((s) => s.trim()).filter(Boolean);
      else out.configFile = value;
    } else if (arg === '--help' || arg === '-h') return { error: USAGE };
    else return { error: `unknown option ${arg}\n${USAGE}` };
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    process.exitCode = 2;
    return;
  }
  const projectDir = resolve(import.meta.dirname, '..', '..');
  let report: PackageCheckReport;
  try {
    report = await packageCheck({ projectDir, ...(args.configFile ? { configFile: args.configFile } : {}), ...(args.only ? { only: args.only } : {}) });
  } catch (err) {
    process.stderr.write(`package:check: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${args.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
