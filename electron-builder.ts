/**
 * Desktop installers (electron-builder): `npm run package` builds for this OS, or
 * `npm run package -- --win | --mac | --linux`. `npm run package:check` loads this file the way
 * electron-builder does, validates it and lists, per target, the files that matter (the model,
 * ffmpeg, the native modules) — offline. See README "Packaging".
 *
 * The file lists live in each platform's `files` (none at the top level) on purpose: a
 * platform `files` holding only exclusions would make electron-builder add its `**\/*` default,
 * i.e. package the whole project (src/, tests/, docs/…).
 */
import type { Configuration } from 'electron-builder';

type NodeOs = 'win32' | 'linux' | 'darwin';
type Arch = 'x64' | 'arm64';

/** What the app runs. package.json and the production dependencies are always added. */
const APP_FILES = [
  'out/**/*',
  '!out/**/*.map',
  // The default model (npm run fetch-assets), read through Electron's asar-aware fs.
  'resources/models/yolov8n.onnx',
  // The real frame model imports are checked on (optional: a synthetic card otherwise).
  'resources/samples/*.{jpg,jpeg,png}',
  'resources/icon.png',
  // Sources, docs and build leftovers of dependencies are not needed at run time.
  '!**/node_modules/**/*.{md,markdown,map,ts,tsx,gyp,gypi,cc,cpp,hpp,h,c,patch,sh}',
  '!**/node_modules/ffmpeg-static/{example.js,install.js,types/**}',
  '!**/node_modules/better-sqlite3/{src,deps}/**',
  '!**/node_modules/better-sqlite3/build/{deps/**,Release/test_extension.node}',
  '!**/node_modules/onnxruntime-node/script/**',
];

const ORT_BIN = 'node_modules/onnxruntime-node/bin/napi-v*';

/**
 * onnxruntime-node ships every OS's binaries (bin/napi-v6/<os>/<arch>/) and ffmpeg-static names
 * its binary `ffmpeg` or `ffmpeg.exe`: each package keeps only its own OS and architecture.
 */
export function nativeFilesOnlyFor(os: NodeOs, arch: Arch): string[] {
  const otherOs = (['win32', 'linux', 'darwin'] as const).filter((o) => o !== os).map((o) => `!${ORT_BIN}/${o}/**`);
  const otherArch = (['x64', 'arm64'] as const).filter((a) => a !== arch).map((a) => `!${ORT_BIN}/${os}/${a}/**`);
  const otherFfmpeg = os === 'win32' ? '!node_modules/ffmpeg-static/ffmpeg' : '!node_modules/ffmpeg-static/ffmpeg.exe';
  return [...otherOs, ...otherArch, otherFfmpeg];
}

const config: Configuration = {
  appId: 'app.footfall.desktop',
  productName: 'Footfall',
  copyright: 'Copyright © Footfall contributors',
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
  directories: { output: 'dist', buildResources: 'build' },

  asar: true,
  // Native code cannot be loaded from inside app.asar; Electron maps these paths to
  // app.asar.unpacked. onnxruntime's binding dlopens libonnxruntime next to itself, so its
  // whole bin folder goes out; ffmpeg is an executable the engine spawns.
  asarUnpack: [
    'node_modules/onnxruntime-node/bin/**/*',
    'node_modules/better-sqlite3/build/Release/*.node',
    'node_modules/ffmpeg-static/ffmpeg',
    'node_modules/ffmpeg-static/ffmpeg.exe',
    'resources/samples/*',
  ],

  // better-sqlite3 is rebuilt for this Electron's ABI (install-app-deps / @electron/rebuild;
  // a prebuilt binary when one exists). onnxruntime-node is N-API: no rebuild.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,

  // Flipped in the packaged Electron binary by @electron/fuses, right before signing.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png',
    files: [...APP_FILES, ...nativeFilesOnlyFor('win32', 'x64')],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The database and backups stay when the app is uninstalled.
    deleteAppDataOnUninstall: false,
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'resources/icon.png',
    category: 'Office',
    maintainer: 'Footfall <footfall@localhost>',
    synopsis: 'Offline people counting for shops',
    files: [...APP_FILES, ...nativeFilesOnlyFor('linux', 'x64')],
  },

  // Apple silicon only: onnxruntime-node 1.30 ships no darwin/x64 binary (package:check reports
  // mac-x64 as unsupported). No icon: macOS needs 512×512 and resources/icon.png is 256×256.
  mac: {
    target: [{ target: 'dmg', arch: ['arm64'] }],
    category: 'public.app-category.business',
    files: [...APP_FILES, ...nativeFilesOnlyFor('darwin', 'arm64')],
  },
  dmg: { sign: false },
};

export default config;
