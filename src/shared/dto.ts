/** Data shapes that cross the contract. The renderer sees only these, never SQL rows. */
import type {
  CameraSourceKind,
  CameraState,
  CountingDirection,
  CountingEventType,
  DeploymentEnvironment,
  EngineHost,
  EngineState,
  ExperimentMode,
  ExperimentSplit,
  ExperimentStatus,
  ModelDeploymentStatus,
  ModelType,
} from './enums';
import type { DbRecoveryDto } from './requests-backup';

export type { CameraSourceKind, CameraState } from './enums';

export interface AppInfo {
  name: 'Footfall';
  version: string;
  /** 'electron' inside the desktop app, 'serve' for the headless server. */
  host: EngineHost;
  dbPath: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  ffmpeg: { path: string; source: string } | { error: string };
  defaultModel: { path: string; present: boolean };
  /** What the engine did to a damaged database file at this start (or a restore asked for), else null. */
  recovery: DbRecoveryDto | null;
  /**
   * The live result writer's storage (issue 11, disk full); null or absent where no camera runs
   * (the CLI, `cameras: false`).
   */
  storage?: StorageHealthDto | null;
}

/** ok; disk_full: SQLITE_FULL; write_failed: an I/O error on write (SQLITE_IOERR…). */
export type StorageState = 'ok' | 'disk_full' | 'write_failed';

/**
 * The result writer's storage state. While the disk refuses writes, counting goes on and the
 * rows wait in memory (bounded); they are written, in order, once the disk takes them again.
 */
export interface StorageHealthDto {
  state: StorageState;
  /** The plain-words reason while not ok, else null. */
  message: string | null;
  /** Rows (inference + children) waiting in memory; frames; counting events (crossings, entries, exits) among them. */
  heldRows: number;
  heldFrames: number;
  heldCountingEvents: number;
  /** When the disk first refused the current run of writes (UTC ISO), else null. */
  heldSince: string | null;
  /** Since the engine started: frames dropped whole, frames that lost their detections and tracks, counting events dropped. */
  droppedFrames: number;
  thinnedFrames: number;
  droppedCountingEvents: number;
}

export interface LineDto {
  id: number;
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  enabled: boolean;
}

export interface ZoneDto {
  id: number;
  name: string;
  polygon: Array<[number, number]>;
}

export interface CameraDto {
  cameraId: string;
  name: string;
  sourceKind: CameraSourceKind;
  /** Always redacted: credentials never reach the renderer. */
  url: string;
  hasPassword: boolean;
  enabled: boolean;
  processFps: number;
  frameWidth: number;
  frameHeight: number;
  modelId: string | null;
  modelVersion: string | null;
  /** Tracking/counting tuning (names and safe ranges: the engine's camera-tuning.ts); null = defaults. */
  tuning: Record<string, number | boolean> | null;
  lines: LineDto[];
  zones: ZoneDto[];
  createdAt: string;
  updatedAt: string;
}

export interface ModelDto {
  modelId: string;
  modelName: string;
  modelType: ModelType;
  modelVersion: string | null;
  modelFramework: string | null;
  modelFormat: string | null;
  modelSizeMb: number | null;
  modelParameters: number | null;
  isActive: boolean;
  isProduction: boolean;
  deploymentStatus: ModelDeploymentStatus;
  modelChecksum: string | null;
  licence: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ModelVersionDto {
  id: number;
  modelId: string;
  versionNumber: string;
  /** `MODEL_ID@VERSION`: how every reply that names a version spells it (issue 9). */
  ref: string;
  versionDescription: string | null;
  versionChanges: string | null;
  modelFileSizeMb: number | null;
  modelFileChecksum: string | null;
  validationAccuracy: number | null;
  validationPrecision: number | null;
  validationRecall: number | null;
  validationF1: number | null;
  deploymentStatus: string;
  deploymentEnvironment: DeploymentEnvironment | null;
  deploymentTimestamp: string | null;
  createdAt: string;
}

export interface ExperimentDto {
  experimentId: string;
  mode: ExperimentMode | null;
  split: ExperimentSplit | null;
  /** MODEL_ID@VERSION of each arm; null for an experiment without a design row. */
  baselineRef: string | null;
  challengerRef: string | null;
  experimentName: string;
  baselineModelId: string | null;
  challengerModelId: string | null;
  trafficSplitPercent: number;
  experimentStatus: ExperimentStatus;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
}

export interface CountBucketDto {
  /** Bucket start, UTC ISO-8601. */
  start: string;
  in: number;
  out: number;
}

export interface CountSummaryDto {
  cameraId: string | null;
  totalIn: number;
  totalOut: number;
  buckets: CountBucketDto[];
}

export interface CountEventDto {
  eventId: string;
  cameraId: string | null;
  /** The crossing's direction; a zone event's type (entry, exit). */
  direction: CountingDirection | CountingEventType;
  trackId: string | null;
  currentIn: number | null;
  currentOut: number | null;
  createdAt: string;
}

export interface CameraHealthDto {
  cameraId: string;
  name: string;
  state: CameraState;
  reason: string | null;
  inputFps: number | null;
  processedFps: number | null;
  droppedFrames: number | null;
  inferenceLatencyMs: number | null;
  reconnectCount: number | null;
  lastFrameAt: string | null;
  sampledAt: string | null;
}

export interface ModelHealthDto {
  modelId: string;
  modelVersion: string;
  metricTimestamp: string;
  inferenceLatencyMs: number | null;
  throughputFps: number | null;
  memoryUsageMb: number | null;
  f1Score: number | null;
}

export interface SettingDto {
  key: string;
  value: unknown;
  updatedAt: string;
}

/** Live events (pushed, never polled). */
export interface LiveCountsEvent {
  cameraId: string;
  in: number;
  out: number;
  occupancy: number | null;
  at: string;
  /** Per-line running totals (the Live view flashes the line whose totals rose). */
  lines?: Array<{ lineId: number | null; name: string; in: number; out: number }>;
  /** Crossings since local midnight on the engine's clock (`day` is that date, YYYY-MM-DD); reset daily. */
  today?: { day: string; in: number; out: number };
}

export interface LiveBox {
  trackId: number;
  /** x, y, w, h in source-frame pixels */
  bbox: [number, number, number, number];
  confidence: number;
}

export interface LiveFrameEvent {
  cameraId: string;
  frameIndex: number;
  width: number;
  height: number;
  boxes: LiveBox[];
  at: string;
}

export interface LivePreviewEvent {
  cameraId: string;
  /** data:image/jpeg;base64,… small (tile width), up to the processed rate */
  jpegDataUrl: string;
  at: string;
  /**
   * The frame this picture is (the same stamp as its `live:frame`); its boxes travel with it, so
   * the Live view draws boxes only on the picture they were found in. Absent from older engines.
   */
  frameIndex?: number;
  /** Source-frame size, the boxes' pixel space. */
  width?: number;
  height?: number;
  boxes?: LiveBox[];
  /** The model version that processed this frame (a hot swap changes it between two frames). */
  model?: { modelId: string; versionNumber: string } | null;
}

export interface EngineStatusEvent {
  state: EngineState;
  message: string;
  restarts: number;
  at: string;
}
