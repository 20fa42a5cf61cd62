import { describe, expect, it } from 'vitest';
import type { LineageVersionDto, ModelLineageDto } from '../../../../shared/dto-model-lineage';
import { GRAPH, layoutLineage, shortLabel } from './lineage-layout';
import { compareRows } from './lineage-words';

const version = (versionNumber: string, o: Partial<LineageVersionDto> = {}): LineageVersionDto => ({
  versionNumber,
  ref: `m@${versionNumber}`,
  parentVersion: null,
  branch: 'main',
  origin: 'import',
  createdAt: '2025-01-01T00:00:00.000Z',
  description: null,
  changelog: null,
  author: null,
  derivation: null,
  sizeMb: 12.2,
  inputWidth: 640,
  inputHeight: 640,
  precision: 'as-exported',
  confThreshold: null,
  parameterCount: null,
  opset: 17,
  sha256: null,
  deploymentStatus: 'not_deployed',
  reviewStatus: 'pending',
  production: false,
  canary: false,
  precisionPct: null,
  recallPct: null,
  f1Pct: null,
  evaluatedAt: null,
  latencyMs: null,
  throughputFps: null,
  measuredAt: null,
  trainingDataset: null,
  trainingRunId: null,
  trainingEpochs: 0,
  ...o,
});

const lineage: ModelLineageDto = {
  modelId: 'm',
  versions: [
    version('1.0.0', { production: true }),
    version('1.1.0', { parentVersion: '1.0.0', branch: 'night', createdAt: '2025-01-02T00:00:00.000Z' }),
    version('1.0.0-i320', { parentVersion: '1.0.0', origin: 'derive', inputWidth: 320, inputHeight: 320, createdAt: '2025-01-03T00:00:00.000Z' }),
  ],
  merges: [{ id: 'merge:9', branch: 'night', into: 'main', versionNumber: '1.1.0', previousHead: '1.0.0-i320', summary: null, reviewStatus: 'pending', createdAt: '2025-01-04T00:00:00.000Z' }],
  edges: [
    { from: '1.0.0', to: '1.1.0', kind: 'parent' },
    { from: '1.0.0', to: '1.0.0-i320', kind: 'derived' },
    { from: '1.0.0-i320', to: 'merge:9', kind: 'parent' },
    { from: '1.1.0', to: 'merge:9', kind: 'merge' },
  ],
  branches: [],
  cameras: [{ cameraId: 'door', name: 'Door', enabled: true, via: 'site', modelId: 'm', versionNumber: '1.0.0', ref: 'm@1.0.0' }],
};

describe('lineage graph layout and the side-by-side comparison', () => {
  it('puts main first, one column per node in time order, so every edge points right', () => {
    const l = layoutLineage(lineage);
    expect(l.lanes.map((x) => x.branch)).toEqual(['main', 'night']);
    expect(l.nodes.map((n) => [n.id, n.lane, n.column])).toEqual([
      ['1.0.0', 0, 0],
      ['1.1.0', 1, 1],
      ['1.0.0-i320', 0, 2],
      ['merge:9', 0, 3],
    ]);
    expect(l.links).toHaveLength(4);
    for (const link of l.links) expect(link.to.x).toBeGreaterThan(link.from.x);
    expect(l.nodes[1]!.y - l.nodes[0]!.y).toBe(GRAPH.lane);
    expect(l.width).toBeGreaterThan(l.nodes[3]!.x);
    expect(shortLabel('8.0.0-i320-int8-conf0.5')).toBe('8.0.0-i320-int8-…');
  });

  it('marks the facts that differ between two versions, in words', () => {
    const rows = compareRows(lineage.versions[0]!, lineage.versions[2]!, lineage.cameras);
    const row = (label: string) => rows.find((r) => r.label === label)!;
    expect(row('Input size')).toEqual({ key: 'inputSize', label: 'Input size', a: '640 × 640 pixels', b: '320 × 320 pixels', differs: true });
    expect(row('Runs on cameras')).toMatchObject({ a: 'Door', b: 'none', differs: true });
    expect(row('Precision').differs).toBe(false);
    expect(row('Rollout')).toMatchObject({ a: 'In production', b: 'not deployed' });
  });
});
