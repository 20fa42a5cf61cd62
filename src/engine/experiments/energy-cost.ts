import { availableParallelism } from 'node:os';

/**
 * Cost of 1000 frames from measured CPU time: the device's power is shared by its cores, so a
 * core-second costs watts ÷ cores joules; 3.6 MJ is a kWh. A model twice as cheap in CPU time is
 * twice as cheap here — which is what a shop paying for electricity (or for a bigger PC) feels.
 */
export function costPer1000Frames(cpuMs: number, frames: number, deviceWatts: number, pricePerKwh: number, cores = availableParallelism()): number | null {
  if (frames <= 0) return null;
  const joulesPerFrame = (cpuMs / 1000 / frames) * (deviceWatts / Math.max(1, cores));
  return Math.round(((joulesPerFrame * 1000) / 3.6e6) * pricePerKwh * 1e8) / 1e8;
}
