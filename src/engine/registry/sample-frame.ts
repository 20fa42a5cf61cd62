import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadImageRgb } from '../inference/image-loader';
import { appRoot, unpackedPath } from '../paths';
import type { RgbFrame } from '../vision/detections';

export interface SampleFrame {
  frame: RgbFrame;
  /** The image path, or 'synthetic' when no real image was available. */
  source: string;
}

/** Images shipped with the app for import checks (`resources/samples/`), if any. */
function bundledSample(): string | undefined {
  const dir = join(appRoot(), 'resources', 'samples');
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((n) => /\.(jpe?g|png|bmp|webp)$/i.test(n));
  return name ? unpackedPath(join(dir, name)) : undefined;
}

/**
 * A street-like test card: sky, wall, floor and a few dark upright shapes. Only used when no real
 * image is configured, so a fresh offline install can still import; the import records that the
 * check ran on this synthetic frame.
 */
function syntheticFrame(width = 640, height = 480): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  let seed = 1234567;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) % 9;
      const base = y < height * 0.3 ? [150, 180, 210] : y < height * 0.6 ? [140, 110, 90] : [120, 120, 118];
      const figure = [0.2, 0.45, 0.7].some((c) => Math.abs(x - c * width) < width * 0.03) && y > height * 0.35 && y < height * 0.85;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[o + c] = figure ? 40 + noise : base[c]! + noise;
    }
  }
  return { width, height, data, index: 0, timeS: 0 };
}

/** The configured image, else one bundled with the app, else the synthetic card. */
export async function loadSampleFrame(path?: string): Promise<SampleFrame> {
  const chosen = path ?? process.env.FOOTFALL_SAMPLE_IMAGE ?? bundledSample();
  if (chosen) return { frame: await loadImageRgb(chosen), source: chosen };
  return { frame: syntheticFrame(), source: 'synthetic' };
}
