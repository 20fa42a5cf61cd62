/**
 * Defaults of a new experiment, chosen for a shop PC (README "Experiments" explains them):
 * - 10 s intervals: short enough that a 10-minute recording gives 60 paired intervals, long
 *   enough that most hold a crossing or none (intervals, not frames, are the statistical unit:
 *   frames next to each other are autocorrelated).
 * - switchback slots of 15 minutes with 30 s of burn-in: the tracker carries the other arm's
 *   tracks for a few seconds after each switch; those crossings belong to neither arm.
 * - 5 % equivalence margin on counts: what a shop notices on a day's footfall.
 * - 65 W device power (a small-form-factor PC's CPU package) and 0.30 per kWh.
 */
export const EXPERIMENT_DEFAULTS = {
  trafficPercent: 50,
  minSamples: 1000,
  confidence: 0.95,
  intervalS: 10,
  slotMinutes: 15,
  burnInS: 30,
  maxCountDifference: 0.05,
  maxLatencyRatio: 1.2,
  deviceWatts: 65,
  energyPricePerKwh: 0.3,
} as const;
