/** The lineage view's words (pure): how a version came to be, where it runs, and two versions compared. */
import type { LineageCameraDto, LineageMergeDto, LineageVersionDto } from '../../../../shared/dto-model-lineage';
import { DASH, formatCompact, formatDate, formatDateTime, formatDecimal, formatInt, formatPercent, shortChecksum } from '../../format';
import { t } from '../../i18n';

const words = () => t().models.words;

export function originWords(v: LineageVersionDto): string {
  const w = words();
  switch (v.origin) {
    case 'derive':
      return v.derivation?.changes.length ? w.derivedFromWith(v.parentVersion ?? DASH, v.derivation.changes.join(', ')) : w.derivedFrom(v.parentVersion ?? DASH);
    case 'bundled':
      return w.bundled;
    case 'registered':
      return w.registered;
    default:
      return v.parentVersion ? w.importedAfter(v.parentVersion) : w.importedFirst;
  }
}

export function rolloutWords(v: LineageVersionDto): string {
  const w = words();
  if (v.production && v.canary) return w.productionAndCanary;
  if (v.production) return w.inProduction;
  if (v.canary) return w.canaryOnCamera;
  return w.deploymentStatus[v.deploymentStatus] ?? v.deploymentStatus.replace(/_/g, ' ');
}

export function viaWords(c: LineageCameraDto): string {
  const w = words();
  switch (c.via) {
    case 'pinned':
      return w.viaPinned;
    case 'canary':
      return w.viaCanary;
    case 'camera':
      return w.viaCamera;
    default:
      return w.viaSite;
  }
}

export function inputWords(v: LineageVersionDto): string {
  return v.inputWidth && v.inputHeight ? words().pixels(String(v.inputWidth), String(v.inputHeight)) : DASH;
}

export function precisionWords(v: LineageVersionDto): string {
  return v.precision === 'int8' ? words().int8 : words().asExported;
}

export function thresholdWords(v: LineageVersionDto): string {
  return v.confThreshold === null ? words().detectorDefault : String(v.confThreshold);
}

/** One node of the graph, for its accessible name and the text list. */
export function versionSentence(v: LineageVersionDto): string {
  const w = words();
  const parts = [w.sentenceVersion(v.versionNumber), originWords(v), v.branch ? w.sentenceBranch(v.branch) : ''];
  if (v.production) parts.push(w.sentenceProduction);
  else if (v.canary) parts.push(w.sentenceCanary);
  return parts.filter(Boolean).join(', ');
}

export function mergeSentence(m: LineageMergeDto): string {
  return words().mergeSentence(m.branch, m.into, m.versionNumber, m.previousHead, t().models.reviewStatus[m.reviewStatus]);
}

export interface CompareRow {
  /** Stable across languages (React key, tests). */
  key: CompareFact;
  label: string;
  a: string;
  b: string;
  differs: boolean;
}

const ms = (n: number | null): string => formatDecimal(n, ' ms');
const fps = (n: number | null): string => formatDecimal(n, ' fps');

/** The key facts of two versions, row by row; `differs` where the two values are not the same. */
export type CompareFact = keyof ReturnType<typeof words>['compare'];

export function compareRows(a: LineageVersionDto, b: LineageVersionDto, cameras: LineageCameraDto[]): CompareRow[] {
  const w = words();
  const runOn = (v: LineageVersionDto): string => {
    const names = cameras.filter((c) => c.ref === v.ref).map((c) => c.name);
    return names.length ? names.join(', ') : w.none;
  };
  const facts: Array<[CompareFact, (v: LineageVersionDto) => string]> = [
    ['howMade', originWords],
    ['branch', (v) => v.branch ?? DASH],
    ['created', (v) => formatDateTime(v.createdAt)],
    ['fileSize', (v) => formatDecimal(v.sizeMb, ' MB')],
    ['inputSize', inputWords],
    ['precision', precisionWords],
    ['threshold', thresholdWords],
    ['parameters', (v) => formatCompact(v.parameterCount)],
    ['review', (v) => (v.reviewStatus ? t().models.reviewStatus[v.reviewStatus] : DASH)],
    ['rollout', rolloutWords],
    ['runsOn', runOn],
    ['f1', (v) => formatPercent(v.f1Pct)],
    ['precisionRecall', (v) => (v.precisionPct === null && v.recallPct === null ? DASH : `${formatPercent(v.precisionPct)} / ${formatPercent(v.recallPct)}`)],
    ['evaluated', (v) => (v.evaluatedAt ? formatDate(v.evaluatedAt) : w.notEvaluated)],
    ['latency', (v) => ms(v.latencyMs)],
    ['throughput', (v) => fps(v.throughputFps)],
    ['epochs', (v) => (v.trainingEpochs > 0 ? formatInt(v.trainingEpochs) : w.noTrainingLog)],
    ['checksum', (v) => shortChecksum(v.sha256)],
  ];
  return facts.map(([key, f]) => {
    const va = f(a);
    const vb = f(b);
    // "Created" always differs between two versions; what it says is the interesting part.
    return { key, label: w.compare[key], a: va, b: vb, differs: va !== vb && key !== 'created' && key !== 'checksum' };
  });
}
