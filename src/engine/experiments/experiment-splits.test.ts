import { describe, expect, it } from 'vitest';
import type { ExperimentDesign } from '../db/repositories/ab-experiments-repository';
import { placeFrame } from './experiment-splits';

const design = (over: Partial<ExperimentDesign>): ExperimentDesign => ({
  experimentId: 'e',
  baselineVersion: '1.0.0',
  challengerVersion: '1.0.1',
  mode: 'ab',
  split: 'slot',
  successMetric: 'crossings',
  seed: 'seed-1',
  intervalS: 10,
  slotMinutes: 1,
  burnInS: 5,
  cameraIds: null,
  maxCountDifference: 0.05,
  maxLatencyRatio: 1.2,
  deviceWatts: 65,
  energyPricePerKwh: 0.3,
  createdBy: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('placeFrame', () => {
  it('slot split: every frame of a slot goes to one arm, the burn-in after the switch is marked', () => {
    const d = design({});
    const arms = new Set<string>();
    for (let i = 0; i < 60; i++) arms.add(placeFrame(d, 50, 'door', i, i).arm);
    expect(arms.size).toBe(1);
    const first = placeFrame(d, 50, 'door', 0, 2);
    expect(first).toMatchObject({ burnIn: true, assignmentUnit: 'door#slot0', key: { index: 0, startS: 0, endS: 60 } });
    expect(placeFrame(d, 50, 'door', 0, 6).burnIn).toBe(false);
    // Over many slots both arms serve, near the configured share.
    const slots = Array.from({ length: 2000 }, (_, k) => placeFrame(d, 30, 'door', 0, k * 60 + 10).arm);
    const share = slots.filter((a) => a === 'challenger').length / slots.length;
    expect(share).toBeGreaterThan(0.3 - 3 * Math.sqrt((0.3 * 0.7) / 2000));
    expect(share).toBeLessThan(0.3 + 3 * Math.sqrt((0.3 * 0.7) / 2000));
  });

  it('camera split: one arm per camera for the whole run; frame split: by frame, deterministic', () => {
    const cam = design({ split: 'camera' });
    expect(new Set(Array.from({ length: 50 }, (_, i) => placeFrame(cam, 50, 'door', i, i).arm)).size).toBe(1);
    const frame = design({ split: 'frame' });
    const a = Array.from({ length: 200 }, (_, i) => placeFrame(frame, 50, 'door', i, i / 5).arm);
    const b = Array.from({ length: 200 }, (_, i) => placeFrame(frame, 50, 'door', i, i / 5).arm);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(2);
    // Another seed splits differently.
    const other = Array.from({ length: 200 }, (_, i) => placeFrame(design({ split: 'frame', seed: 'seed-2' }), 50, 'door', i, i / 5).arm);
    expect(other).not.toEqual(a);
  });

  it('shadow: every frame is the baseline\'s (the challenger shadows it), in intervals of intervalS', () => {
    const p = placeFrame(design({ mode: 'shadow', split: 'frame' }), 100, 'door', 7, 23.5);
    expect(p).toMatchObject({ arm: 'baseline', burnIn: false, key: { index: 2, startS: 20, endS: 30 } });
  });
});
