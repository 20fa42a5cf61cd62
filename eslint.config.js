// Import boundaries follow the process a file runs in (see docs/ARCHITECTURE.md):
// only src/main and src/preload may import electron; src/shared and the pure engine parts
// (tracking, counting, vision) import no Node API so they run anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'stream', 'worker_threads',
  'events', 'url', 'util', 'zlib', 'dgram', 'tls', 'readline', 'buffer', 'process', 'module',
];
const nodeApiPatterns = [{ group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)], message: 'Pure code: no Node API here.' }];
const noElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
// The pure core (docs/ARCHITECTURE.md, "What each folder may import"): no I/O package and no
// engine folder that does I/O, so it stays deterministic and testable anywhere.
const impurePackages = ['onnxruntime-node', 'better-sqlite3', 'ws', 'pino', 'pg', 'commander', 'ffmpeg-static'].map((name) => ({
  name,
  message: 'Pure code: no I/O package here.',
}));
const impureFolders = {
  regex: '(^|/)(capture|db|cameras|registry|wiring|handlers|server|sync|access|secrets|bench|main|preload|cli)/',
  message: 'Pure code: it may not import an engine folder that does I/O.',
};
const ioGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({
  name,
  message: 'Pure code: no Node global here; the caller passes what is needed.',
}));
const pureEngineFiles = [
  'src/engine/tracking/**/*.ts',
  'src/engine/counting/**/*.ts',
  'src/engine/vision/**/*.ts',
  'src/engine/pipeline/frame-processor.ts',
  'src/engine/experiments/stats/**/*.ts',
  'src/engine/drift/drift-stats.ts',
  'src/engine/drift/drift-score.ts',
  'src/engine/drift/tamper.ts',
  'src/engine/inference/decode.ts',
  'src/engine/inference/errors.ts',
  'src/engine/inference/layout.ts',
  'src/engine/inference/map-to-source.ts',
  'src/engine/inference/nms.ts',
  'src/engine/inference/preprocess.ts',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', 'coverage/**', 'tests/fixtures/media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: nodeApiPatterns }] },
  },
  {
    files: pureEngineFiles,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...impurePackages], patterns: [...nodeApiPatterns, impureFolders] }],
      'no-restricted-globals': ['error', ...ioGlobals],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: nodeApiPatterns }],
    },
  },
);
