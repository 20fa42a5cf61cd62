/** The lineage view's words (pure): how a version came to be, where it runs, and two versions compared. */
import type { LineageCameraDto, LineageMergeDto, LineageVersionDto } from '../../../../shared/dto-model-lineage';
import { DASH, formatCompact, formatDate, formatDateTime, formatDecimal, formatPercent, shortChecksum } from '../../format';

export function originWords(v: LineageVersionDto): string {
  switch (v.origin) {
    case 'derive':
      return v.derivation?.changes.length ? `Derived from ${v.parentVersion ?? DASH}: ${v.derivation.changes.join(', ')}` : `Derived from ${v.parentVersion ?? DASH}`;
    case 'bundled':
      return 'Bundled with Footfall';
    case 'registered':
      return 'Registered when a count or detection first used the file';
    default:
      return v.parentVersion ? `Imported as the next version after ${v.parentVersion}` : 'Imported as the first version';
  }
}

export function rolloutWords(v: LineageVersionDto): string {
  if (v.production && v.canary) return 'In production and as a canary';
  if (v.production) return 'In production';
  if (v.canary) return 'Canary on a camera';
  return v.deploymentStatus.replace(/_/g, ' ');
}

export function viaWords(c: LineageCameraDto): string {
  switch (c.via) {
    case 'pinned':
      return 'chosen on the camera';
    case 'canary':
      return 'canary on this camera';
    case 'camera':
      return 'production for this camera';
    default:
      return 'production for every camera';
  }
}

export function inputWords(v: LineageVersionDto): string {
  return v.inputWidth && v.inputHeight ? `${v.inputWidth} × ${v.inputHeight} pixels` : DASH;
}

export function precisionWords(v: LineageVersionDto): string {
  return v.precision === 'int8' ? 'int8 (quantized by Footfall)' : 'as exported (not quantized by Footfall)';
}

export function thresholdWords(v: LineageVersionDto): string {
  return v.confThreshold === null ? 'the detector’s default' : String(v.confThreshold);
}

/** One node of the graph, for its accessible name and the text list. */
export function versionSentence(v: LineageVersionDto): string {
  const parts = [`Version ${v.versionNumber}`, originWords(v), v.branch ? `on branch ${v.branch}` : ''];
  if (v.production) parts.push('in production');
  else if (v.canary) parts.push('canary');
  return parts.filter(Boolean).join(', ');
}

export function mergeSentence(m: LineageMergeDto): string {
  return `Merge of branch ${m.branch} into ${m.into}, adopting version ${m.versionNumber}${m.previousHead ? ` after ${m.previousHead}` : ''}, review ${m.reviewStatus}`;
}

export interface CompareRow {
  label: string;
  a: string;
  b: string;
  differs: boolean;
}

const ms = (n: number | null): string => formatDecimal(n, ' ms');
const fps = (n: number | null): string => formatDecimal(n, ' fps');

/** The key facts of two versions, row by row; `differs` where the two values are not the same. */
export function compareRows(a: LineageVersionDto, b: LineageVersionDto, cameras: LineageCameraDto[]): CompareRow[] {
  const runOn = (v: LineageVersionDto): string => {
    const names = cameras.filter((c) => c.ref === v.ref).map((c) => c.name);
    return names.length ? names.join(', ') : 'none';
  };
  const facts: Array<[string, (v: LineageVersionDto) => string]> = [
    ['How it was made', originWords],
    ['Branch', (v) => v.branch ?? DASH],
    ['Created', (v) => formatDateTime(v.createdAt)],
    ['File size', (v) => formatDecimal(v.sizeMb, ' MB')],
    ['Input size', inputWords],
    ['Precision', precisionWords],
    ['Detection threshold', thresholdWords],
    ['Parameters', (v) => formatCompact(v.parameterCount)],
    ['Review', (v) => v.reviewStatus ?? DASH],
    ['Rollout', rolloutWords],
    ['Runs on cameras', runOn],
    ['F1', (v) => formatPercent(v.f1Pct)],
    ['Precision / recall', (v) => (v.precisionPct === null && v.recallPct === null ? DASH : `${formatPercent(v.precisionPct)} / ${formatPercent(v.recallPct)}`)],
    ['Evaluated', (v) => (v.evaluatedAt ? formatDate(v.evaluatedAt) : 'not evaluated yet')],
    ['Latency', (v) => ms(v.latencyMs)],
    ['Throughput', (v) => fps(v.throughputFps)],
    ['Training epochs', (v) => (v.trainingEpochs > 0 ? String(v.trainingEpochs) : 'no training log')],
    ['Checksum', (v) => shortChecksum(v.sha256)],
  ];
  return facts.map(([label, f]) => {
    const va = f(a);
    const vb = f(b);
    // "Created" always differs between two versions; what it says is the interesting part.
    return { label, a: va, b: vb, differs: va !== vb && label !== 'Created' && label !== 'Checksum' };
  });
}
