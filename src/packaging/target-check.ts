/**
 * What one installer would contain that matters — the model, ffmpeg, better-sqlite3's addon,
 * onnxruntime-node's binding and libraries — judged from facts about this checkout and the
 * configuration's file rules. Pure: the facts and rules come in (package-check.ts gathers them).
 *
 * Each file gets a status. Failures: `missing` (required and should be here), `excluded` (here but
 * the configuration leaves it out), `packed` (native code left inside app.asar, where it cannot be
 * loaded), `leaked` (something that must not ship would), `bad` (wrong checksum). Not failures, but
 * always printed: `build-machine` (cannot exist on this machine: the target's own build machine
 * provides it), `built-at-package` (made by `npm run package`'s build step), `warn`.
 */
import { configProblems, configuredTargets, CONSIDERED_TARGETS, targetId, unpackagedImports, type NodeOs, type PackageJsonLike, type PackageTarget } from './package-rules';
import type { Configuration } from 'electron-builder';

/** The configuration's verdict on one path (relative to the project, `/`-separated). */
export interface PackRules {
  /** Would the installer contain it? */
  includes(path: string): boolean;
  /** Would it sit outside app.asar (app.asar.unpacked)? */
  unpacks(path: string): boolean;
}

export type AbiProbe = { loads: true } | { loads: false; abi: string | null; message: string };

/** Facts about this checkout, gathered once (package-check.ts). */
export interface ProjectFacts {
  /** Files present under the places that matter (model, samples, out/, the native packages). */
  files: readonly string[];
  sizes?: Readonly<Record<string, number>>;
  model: { path: string; sha256: string | null; expectedSha256: string };
  /** better-sqlite3's addon loaded in this Node (only meaningful for this machine's target). */
  sqliteAbi: AbiProbe | null;
  nodeAbi: string;
  electron: { version: string | null; abi: string | null };
  onnxruntimeVersion: string | null;
  /** Packages the built main process (out/main) loads, when it is built. */
  mainImports: readonly string[] | null;
}

export interface Host {
  nodeOs: NodeOs | string;
  arch: string;
}

export type EntryStatus = 'ok' | 'missing' | 'excluded' | 'packed' | 'leaked' | 'bad' | 'build-machine' | 'built-at-package' | 'warn';
export const FAILING: ReadonlySet<EntryStatus> = new Set(['missing', 'excluded', 'packed', 'leaked', 'bad']);

export interface Entry {
  item: 'model' | 'ffmpeg' | 'better-sqlite3' | 'onnxruntime' | 'sample frame' | 'app code' | 'project files';
  path: string;
  status: EntryStatus;
  /** In app.asar.unpacked rather than app.asar (for files the package contains). */
  unpacked?: boolean;
  message: string;
}

export interface TargetReport {
  id: string;
  formats: string[];
  /** This machine's OS and architecture: everything must be here. */
  thisMachine: boolean;
  ok: boolean;
  entries: Entry[];
}

export const SQLITE_ADDON = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
export const ORT_BIN = 'node_modules/onnxruntime-node/bin';
// drift-worker.js: the engine's drift check thread, loaded by path (src/engine/drift/drift-worker-checker.ts).
export const APP_CODE = ['out/main/index.js', 'out/main/engine-host.js', 'out/main/drift-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
/** Files of the project that must never ship (the whole-project trap, sources, test media). */
export const NEVER_SHIPPED = [
  'src/main/index.ts',
  'src/engine/paths.ts',
  'tests/support/require-assertions.ts',
  'tests/fixtures/media/vtest.avi',
  'docs/ARCHITECTURE.md',
  'scripts/fetch-assets.sh',
  'electron-builder.ts',
  'package-lock.json',
];

export function ffmpegName(nodeOs: string): string {
  return nodeOs === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
}

function sharedLibraryName(nodeOs: string): string {
  return nodeOs === 'win32' ? 'onnxruntime.dll' : nodeOs === 'darwin' ? 'libonnxruntime.*.dylib' : 'libonnxruntime.so.*';
}

function sharedLibraryPattern(nodeOs: string): RegExp {
  if (nodeOs === 'win32') return /(^|\/)onnxruntime\.dll$/;
  if (nodeOs === 'darwin') return /(^|\/)libonnxruntime[^/]*\.dylib$/;
  return /(^|\/)libonnxruntime\.so[^/]*$/;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '' : ` (${(bytes / 1e6).toFixed(1)} MB)`;
}

/** onnxruntime-node's per-platform folders present here: `napi-v6/linux/x64` → files. */
export function onnxruntimeFolders(files: readonly string[]): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const f of files) {
    const m = /^node_modules\/onnxruntime-node\/bin\/(napi-v\d+)\/([^/]+)\/([^/]+)\/[^/]+$/.exec(f);
    if (!m) continue;
    const key = `${m[1]}/${m[2]}/${m[3]}`;
    folders.set(key, [...(folders.get(key) ?? []), f]);
  }
  return folders;
}

/** Included and, where native code must be, unpacked: the status for a file that is present. */
function placed(rules: PackRules, path: string, mustUnpack: boolean): { status: EntryStatus; unpacked: boolean; why?: string } {
  if (!rules.includes(path)) return { status: 'excluded', unpacked: false, why: 'the configuration leaves it out of the package (files filters)' };
  const unpacked = rules.unpacks(path);
  if (mustUnpack && !unpacked) return { status: 'packed', unpacked, why: 'it would stay inside app.asar, where native code cannot be loaded or run: add it to asarUnpack' };
  return { status: 'ok', unpacked };
}

export function checkTarget(target: PackageTarget, host: Host, facts: ProjectFacts, rules: PackRules): TargetReport {
  const present = new Set(facts.files);
  const thisMachine = target.nodeOs === host.nodeOs && target.arch === host.arch;
  const here = `${host.nodeOs}-${host.arch}`;
  const entries: Entry[] = [];
  const add = (e: Entry) => entries.push(e);

  // The default model: the same file for every target.
  const model = facts.model.path;
  if (!present.has(model)) {
    add({ item: 'model', path: model, status: 'missing', message: 'the default model is not here: run `npm run fetch-assets` (npm registry only, sha256-verified)' });
  } else if (facts.model.sha256 !== facts.model.expectedSha256) {
    add({ item: 'model', path: model, status: 'bad', message: `sha256 ${facts.model.sha256 ?? '?'} is not the default model's ${facts.model.expectedSha256}: run \`npm run fetch-assets\`` });
  } else {
    const p = placed(rules, model, false);
    add({ item: 'model', path: model, status: p.status, unpacked: p.unpacked, message: p.why ?? `sha256 verified${mb(facts.sizes?.[model])}; read through Electron's asar-aware fs` });
  }

  // The sample frame model imports are checked on: optional, but it must be readable by ffmpeg.
  const samples = facts.files.filter((f) => /^resources\/samples\/[^/]+\.(jpe?g|png)$/i.test(f));
  if (samples.length === 0) {
    add({ item: 'sample frame', path: 'resources/samples/', status: 'warn', message: 'no sample image: model imports in the app are checked on the synthetic card (`npm run fetch-assets` copies one)' });
  }
  for (const sample of samples) {
    const p = placed(rules, sample, true);
    add({ item: 'sample frame', path: sample, status: p.status, unpacked: p.unpacked, message: p.why ?? 'ffmpeg decodes it by path, so it is unpacked' });
  }

  // The app's own code, built by `npm run package` before electron-builder runs.
  for (const file of APP_CODE) {
    if (!present.has(file)) {
      add({ item: 'app code', path: file, status: 'built-at-package', message: 'not built yet: `npm run package` runs `npm run build` first' });
      continue;
    }
    const p = placed(rules, file, false);
    add({ item: 'app code', path: file, status: p.status, unpacked: p.unpacked, message: p.why ?? 'built' });
  }

  // ffmpeg: ffmpeg-static downloads the binary of the OS it is installed on, once, at npm install.
  const ffmpeg = `node_modules/ffmpeg-static/${ffmpegName(target.nodeOs)}`;
  const otherFfmpeg = `node_modules/ffmpeg-static/${ffmpegName(target.nodeOs === 'win32' ? 'linux' : 'win32')}`;
  const placement = placed(rules, ffmpeg, true);
  if (placement.status !== 'ok') {
    add({ item: 'ffmpeg', path: ffmpeg, status: placement.status, message: placement.why! });
  } else if (thisMachine) {
    if (present.has(ffmpeg)) add({ item: 'ffmpeg', path: ffmpeg, status: 'ok', unpacked: true, message: `ffmpeg-static's binary for this OS${mb(facts.sizes?.[ffmpeg])}` });
    else {
      add({
        item: 'ffmpeg',
        path: ffmpeg,
        status: 'missing',
        message:
          "ffmpeg-static's binary is not here: its install script downloads it from GitHub at `npm install`/`npm ci`, which failed or was skipped on this machine (no internet?). On a networked build machine run `npm rebuild ffmpeg-static` (or `npm ci`) before packaging",
      });
    }
  } else {
    add({
      item: 'ffmpeg',
      path: ffmpeg,
      status: 'build-machine',
      unpacked: true,
      message: present.has(ffmpeg)
        ? `the file here is this machine's (${here}) binary, not ${target.id}'s: build ${target.id} on a ${target.id} machine, where \`npm ci\` (with internet) downloads ffmpeg-static's binary for that OS`
        : `cannot exist here (ffmpeg-static downloads only this machine's OS binary): the ${target.id} build machine's \`npm ci\` (with internet) downloads it`,
    });
  }
  if (rules.includes(otherFfmpeg)) {
    add({ item: 'ffmpeg', path: otherFfmpeg, status: 'leaked', message: `another OS's ffmpeg binary name would ship in ${target.id}: exclude it in ${target.os}.files` });
  }

  // better-sqlite3: a node-gyp addon, rebuilt for Electron's ABI while packaging.
  const sqlite = placed(rules, SQLITE_ADDON, true);
  const electron = facts.electron.version ? `Electron ${facts.electron.version}${facts.electron.abi ? ` (ABI ${facts.electron.abi})` : ''}` : "this project's Electron";
  if (sqlite.status !== 'ok') {
    add({ item: 'better-sqlite3', path: SQLITE_ADDON, status: sqlite.status, message: sqlite.why! });
  } else if (thisMachine) {
    if (!present.has(SQLITE_ADDON)) {
      add({ item: 'better-sqlite3', path: SQLITE_ADDON, status: 'missing', message: 'better-sqlite3 is not built: run `npm ci` (it builds or downloads the addon)' });
    } else {
      const probe = facts.sqliteAbi;
      const status: EntryStatus = probe && !probe.loads && probe.abi !== null && probe.abi !== facts.electron.abi ? 'warn' : 'ok';
      const now = !probe
        ? 'present'
        : probe.loads
          ? `built for this Node (ABI ${facts.nodeAbi})`
          : probe.abi && probe.abi === facts.electron.abi
            ? `already built for ${electron} by an earlier \`npm run package\`: the tests and the CLI need \`npm rebuild better-sqlite3\``
            : `does not load in this Node: ${probe.message}`;
      add({ item: 'better-sqlite3', path: SQLITE_ADDON, status, unpacked: true, message: `${now}; \`npm run package\` rebuilds it for ${electron} in node_modules` });
    }
  } else {
    add({
      item: 'better-sqlite3',
      path: SQLITE_ADDON,
      status: 'build-machine',
      unpacked: true,
      message: `the addon here is this machine's (${here}); the ${target.id} build machine's \`npm run package\` rebuilds it for ${electron} ${target.nodeOs}-${target.arch} (better-sqlite3's prebuilt download, or a compile with that OS's toolchain)`,
    });
  }

  // onnxruntime-node: its npm package carries every OS's binding and libraries, so they must be
  // here for every target; each target keeps only its own folder, unpacked.
  const folders = onnxruntimeFolders(facts.files);
  const version = facts.onnxruntimeVersion ? `onnxruntime-node@${facts.onnxruntimeVersion}` : 'onnxruntime-node';
  const ownKeys = [...folders.keys()].filter((k) => k.endsWith(`/${target.nodeOs}/${target.arch}`));
  const own = ownKeys.flatMap((k) => folders.get(k)!);
  const shared = sharedLibraryPattern(target.nodeOs);
  if (!own.some((f) => f.endsWith('/onnxruntime_binding.node'))) {
    add({ item: 'onnxruntime', path: `${ORT_BIN}/napi-v*/${target.nodeOs}/${target.arch}/onnxruntime_binding.node`, status: 'missing', message: `${version} has no ${target.nodeOs}/${target.arch} binding here: its npm package carries every supported platform's, so reinstall it (\`npm ci\`) — or the platform is not supported by this version` });
  }
  if (!own.some((f) => shared.test(f))) {
    add({ item: 'onnxruntime', path: `${ORT_BIN}/napi-v*/${target.nodeOs}/${target.arch}/${sharedLibraryName(target.nodeOs)}`, status: 'missing', message: `${version} has no ${target.nodeOs}/${target.arch} shared library here (the binding cannot load without it)` });
  }
  for (const file of own) {
    const p = placed(rules, file, true);
    add({ item: 'onnxruntime', path: file, status: p.status, unpacked: p.unpacked, message: p.why ?? (file.endsWith('.node') ? `binding${mb(facts.sizes?.[file])}` : `shared library${mb(facts.sizes?.[file])}`) });
  }
  const others = [...folders.entries()].filter(([k]) => !ownKeys.includes(k));
  const leaked = others.flatMap(([, fs]) => fs).filter((f) => rules.includes(f));
  for (const file of leaked) {
    add({ item: 'onnxruntime', path: file, status: 'leaked', message: `another platform's onnxruntime binary would ship in ${target.id}: exclude it in ${target.os}.files` });
  }
  if (others.length > 0 && leaked.length === 0) {
    const names = others.map(([k]) => k.split('/').slice(1).join('/')).sort();
    add({ item: 'onnxruntime', path: `${ORT_BIN}/`, status: 'ok', message: `${others.reduce((n, [, fs]) => n + fs.length, 0)} files of other platforms left out (${names.join(', ')})` });
  }

  // The whole-project trap (a platform `files` of exclusions only) and sources in general.
  const shipped = NEVER_SHIPPED.filter((f) => rules.includes(f));
  if (shipped.length > 0) {
    add({ item: 'project files', path: shipped.join(', '), status: 'leaked', message: `project files would ship in ${target.id} (sources, tests, docs): fix ${target.os}.files` });
  }

  return { id: target.id, formats: target.formats, thisMachine, ok: !entries.some((e) => FAILING.has(e.status)), entries };
}

export interface PackageCheckInputs {
  configFile: string;
  /** The configuration as written (before electron-builder normalises `files`). */
  config: Configuration;
  /** electron-builder's own schema verdict (InvalidConfigurationError message), if any. */
  schemaError: string | null;
  /** What is wrong with @electron/fuses (not installed, a fuse it does not know), if anything. */
  fuseProblems: readonly string[];
  pkg: PackageJsonLike;
  host: Host;
  facts: ProjectFacts;
  rulesFor(target: PackageTarget): PackRules;
  /** Only these target ids (`--only`); all configured ones otherwise. */
  only?: readonly string[];
  versions: { builder: string | null; electron: string | null };
}

export interface PackageCheckReport {
  ok: boolean;
  configFile: string;
  host: string;
  versions: { builder: string | null; electron: string | null; node: string };
  configProblems: string[];
  targets: TargetReport[];
  /** Considered targets that are not built, and why. */
  notBuilt: Array<{ id: string; reason: string }>;
  /** One line per failure: what is missing or wrong, where, what to do. */
  failures: string[];
  /** What each other platform's build machine must provide (not failures). */
  buildMachine: string[];
}

export function runPackageCheck(inputs: PackageCheckInputs): PackageCheckReport {
  const problems = [...configProblems(inputs.config, inputs.pkg)];
  if (inputs.schemaError) problems.unshift(`electron-builder rejects the configuration: ${inputs.schemaError}`);
  problems.push(...inputs.fuseProblems);
  if (inputs.facts.mainImports) {
    for (const name of unpackagedImports(inputs.facts.mainImports, inputs.pkg)) {
      problems.push(`out/main imports "${name}", which is not a production dependency: the installed app would fail with "Cannot find module '${name}'"`);
    }
  }
  const { targets } = configuredTargets(inputs.config);
  const selected = inputs.only ? targets.filter((t) => inputs.only!.includes(t.id)) : targets;
  for (const id of inputs.only ?? []) {
    if (!targets.some((t) => t.id === id)) problems.push(`--only ${id}: the configuration builds no such target (it builds ${targets.map((t) => t.id).join(', ') || 'none'})`);
  }
  const reports = selected.map((t) => checkTarget(t, inputs.host, inputs.facts, inputs.rulesFor(t)));

  const folders = onnxruntimeFolders(inputs.facts.files);
  const notBuilt: Array<{ id: string; reason: string }> = [];
  for (const c of CONSIDERED_TARGETS) {
    const id = targetId(c.os, c.arch);
    if (targets.some((t) => t.id === id) || (inputs.only && !inputs.only.includes(id))) continue;
    const nodeOs = c.os === 'win' ? 'win32' : c.os === 'mac' ? 'darwin' : 'linux';
    const has = [...folders.keys()].some((k) => k.endsWith(`/${nodeOs}/${c.arch}`));
    const present = [...new Set([...folders.keys()].filter((k) => k.split('/')[1] === nodeOs).map((k) => k.split('/')[2]))];
    notBuilt.push({
      id,
      reason: has
        ? `not in the configuration (add { target: '${c.formats[0]}', arch: ['${c.arch}'] } to ${c.os}.target to build it)`
        : `not supported: ${inputs.facts.onnxruntimeVersion ? `onnxruntime-node@${inputs.facts.onnxruntimeVersion}` : 'onnxruntime-node'} ships no ${nodeOs}/${c.arch} binary (bin/napi-v*/${nodeOs} has: ${present.join(', ') || 'nothing'}), so the detector could not load`,
    });
  }

  const failures = [
    ...problems.map((p) => `configuration: ${p}`),
    ...reports.flatMap((r) => r.entries.filter((e) => FAILING.has(e.status)).map((e) => `${r.id}: ${e.item} ${e.status.toUpperCase()} ${e.path}: ${e.message}`)),
  ];
  const buildMachine = reports.flatMap((r) => r.entries.filter((e) => e.status === 'build-machine').map((e) => `${r.id}: ${e.item} (${e.path}): ${e.message}`));
  return {
    ok: failures.length === 0,
    configFile: inputs.configFile,
    host: `${inputs.host.nodeOs}-${inputs.host.arch}`,
    versions: { ...inputs.versions, node: `ABI ${inputs.facts.nodeAbi}` },
    configProblems: problems,
    targets: reports,
    notBuilt,
    failures,
    buildMachine,
  };
}

const LABEL: Record<EntryStatus, string> = {
  ok: 'ok',
  missing: 'MISSING',
  excluded: 'EXCLUDED',
  packed: 'IN-ASAR',
  leaked: 'LEAKED',
  bad: 'BAD',
  'build-machine': 'BUILD-MACHINE',
  'built-at-package': 'at package',
  warn: 'warn',
};

/** The report in plain words, one line per file, failures and build-machine duties at the end. */
export function formatReport(report: PackageCheckReport): string {
  const out: string[] = [];
  out.push(`Footfall package check — ${report.configFile}, electron-builder ${report.versions.builder ?? '?'}, Electron ${report.versions.electron ?? '?'}`);
  out.push(`This machine: ${report.host}. Its own target must have every file; other targets list what their build machine provides.`);
  out.push('');
  out.push(report.configProblems.length === 0 ? 'Configuration: ok (appId, asar, asarUnpack, fuses, targets, per-platform files, dependencies)' : 'Configuration: PROBLEMS');
  for (const p of report.configProblems) out.push(`  - ${p}`);
  for (const t of report.targets) {
    out.push('');
    out.push(`${t.id} (${t.formats.join(', ')})${t.thisMachine ? ' — this machine\'s platform' : ' — built on its own build machine'}: ${t.ok ? 'ok' : 'FAIL'}`);
    for (const e of t.entries) {
      const where = e.status === 'ok' || e.status === 'build-machine' ? (e.unpacked ? ' [app.asar.unpacked]' : e.item === 'onnxruntime' && e.path.endsWith('/') ? '' : ' [app.asar]') : '';
      out.push(`  ${LABEL[e.status].padEnd(13)} ${e.item.padEnd(14)} ${e.path}${where} — ${e.message}`);
    }
  }
  for (const n of report.notBuilt) {
    out.push('');
    out.push(`${n.id}: not built — ${n.reason}`);
  }
  if (report.buildMachine.length > 0) {
    out.push('');
    out.push('The other platforms\' build machines must provide (not checkable here):');
    for (const b of report.buildMachine) out.push(`  - ${b}`);
  }
  out.push('');
  if (report.ok) out.push('Result: ok');
  else {
    out.push(`Result: FAIL (${report.failures.length})`);
    for (const f of report.failures) out.push(`  - ${f}`);
  }
  return out.join('\n');
}
