/**
 * GPU utilisation for the sampler, asked only while a camera runs on CUDA: `nvidia-smi`'s
 * utilization.gpu (the busiest GPU, percent). Null when nvidia-smi is missing, slow or says
 * nothing useful; never throws.
 */
import { execFile } from 'node:child_process';

export type GpuReader = () => Promise<number | null>;

export const nvidiaSmiUtilization: GpuReader = () =>
  new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'], { timeout: 2000, windowsHide: true }, (err, stdout) => {
      if (err) return resolve(null);
      resolve(parseNvidiaSmiUtilization(String(stdout)));
    });
  });

/** "37\n5\n" → 37 (the busiest GPU); null when no line is a number in 0..100. */
export function parseNvidiaSmiUtilization(text: string): number | null {
  const values = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^\d+(\.\d+)?$/.test(l))
    .map(Number)
    .filter((v) => v <= 100);
  return values.length === 0 ? null : Math.max(...values);
}
