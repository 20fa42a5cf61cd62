import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real model and photos come from `npm run fetch-assets`; tests fail loudly when they are absent. */
const root = fileURLToPath(new URL('../../../', import.meta.url));

export const MODEL_PATH = `${root}resources/models/yolov8n.onnx`;
export const MODEL_SHA256 = '9697a185dd8eb7448aea4c979e10db2b4977f70a46687890ef796936c44a848b';

export function media(name: string): string {
  return `${root}tests/fixtures/media/${name}`;
}

export function requireAssets(...paths: string[]): void {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`Missing test assets (run \`npm run fetch-assets\`): ${missing.join(', ')}`);
}
