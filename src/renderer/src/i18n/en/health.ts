/** English texts of the health area. Vietnamese in ../vi/health.ts (the compiler checks it has every key). */

/** "1 day" / "2 days": `count` picks the form, `n` is the number already formatted. */
const counted = (one: string, many: string) => (count: number, n: string) => `${n} ${count === 1 ? one : many}`;

export const health = {
  description: 'Camera connections, frame rates, model latency and the database.',

  /** What was being done when a read failed (the banner's "… failed"). */
  contexts: {
    cameraHealth: 'Loading camera health',
    modelHealth: 'Loading model health',
    database: 'Loading database health',
    auditReport: 'Loading audit accuracy',
    uptime: 'Loading camera uptime',
    performance: 'Loading live performance',
    drift: 'Loading drift and tamper alerts',
  },

  units: {
    hours: counted('hour', 'hours'),
    days: counted('day', 'days'),
    years: counted('year', 'years'),
    seconds: counted('second', 'seconds'),
    rows: counted('row', 'rows'),
  },

  cameras: {
    title: 'Cameras',
    /** Completes "Loading …". */
    loading: 'camera health',
    empty: 'No cameras to watch yet',
    columns: {
      inputFps: 'Input FPS',
      processedFps: 'Processed FPS',
      droppedFrames: 'Dropped frames',
      inference: 'Inference (ms)',
      reconnects: 'Reconnects',
      lastFrame: 'Last frame',
    },
  },

  latency: {
    title: 'Model latency',
    empty: 'No latency measurements yet',
    /** Around the command `npm run bench`. */
    emptyHintBefore: 'They are recorded while cameras run and by',
    emptyHintAfter: '.',
    chartLabel: 'Line chart of model inference latency in milliseconds over time',
    axisMs: 'ms',
  },

  performance: {
    title: 'Live performance',
    period: 'Period',
    ranges: { hour: 'Last hour', day: 'Last 24 hours', week: 'Last 7 days' },
    loading: 'live performance',
    empty: 'No live performance samples in this period',
    /** `every` is health.units.seconds of the sampling interval. */
    emptyHint: (every: string) =>
      `While a camera counts, its model's latency and frame rate are recorded every ${every} (Settings). Nothing is recorded for a camera that processes no frames.`,
    latencyTitle: 'Model latency (ms per frame: solid p50, dashed p95)',
    latencyChartLabel: 'Line chart of model latency, median and 95th percentile, per camera and model version over time',
    throughputTitle: 'Processed frames per second',
    throughputChartLabel: 'Line chart of processed frames per second per camera and model version over time',
    axisMs: 'ms',
    axisFps: 'fps',
    tableSummary: 'Latest samples as a table',
    tableCaption: 'Latest live performance sample per camera and model version',
    columns: {
      sampled: 'Sampled',
      p50: 'p50 (ms)',
      p95: 'p95 (ms)',
      fps: 'Frames per second',
      droppedFrames: 'Dropped frames',
      cpu: 'CPU (%)',
      memory: 'Memory (MB)',
      gpu: 'GPU (%)',
      samples: 'Samples',
    },
    gpuNotUsed: 'not used',
  },

  drift: {
    title: 'Drift and tampering',
    /** The signals the drift check and the tamper scan score (stored names as keys). */
    features: {
      brightness: 'brightness',
      contrast: 'contrast',
      sharpness: 'sharpness (focus)',
      confidence: 'detection confidence',
      detections: 'people per frame',
      box_height: 'box height',
      box_aspect: 'box shape',
      count_in: 'people in vs the same hour last weeks',
      count_out: 'people out vs the same hour last weeks',
      'tamper:covered': 'camera covered',
      'tamper:blinded': 'camera blinded',
      'tamper:defocused': 'camera out of focus',
      'tamper:moved': 'camera moved',
    },
    severities: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
    kinds: { drift: 'Drift', tamper: 'Tampering' },
    /** "Tampering on Front door". */
    alertTitle: (kind: string, camera: string) => `${kind} on ${camera}`,
    /** "(critical, model 1.0.0, 1 Dec 2026, 10:00)". */
    alertFacts: (severity: string, version: string, at: string) => `(${severity}, model ${version}, ${at})`,
    histogramLabel: (feature: string) => `${feature}: reference and now`,
    histogramCaption: (feature: string, from: string, to: string) => `${feature}: reference (top) and now (bottom), ${from} to ${to}`,
    noAlerts: (hours: string) => `No drift or tamper alerts in the last ${hours}.`,
    noWindows: 'No hourly windows scored yet',
    noWindowsHint: "Each camera's hour is compared with the same hour on earlier days a few minutes after it ends.",
    columns: { hour: 'Hour', verdict: 'Verdict', moved: 'Signals that moved' },
    drifted: (severity: string, alerted: boolean) => `drifted (${severity}${alerted ? ', alerted' : ''})`,
    noDrift: 'no drift',
    nextCheck: (at: string) => `Next hourly check ${at}; tampering is checked every 30 seconds.`,
  },

  audit: {
    title: 'Audit accuracy',
    empty: 'No counts reviewed yet — open Count review to check a sample',
    /** Follows the link to Count review. */
    reviewLink: 'Count review',
    emptyHint: 'shows recent crossings and moments with none; each answer adds to these figures.',
    columns: {
      reviewed: 'Reviewed',
      precision: 'Precision',
      precisionTitle: 'Counted crossings that were right',
      recall: 'Recall',
      recallTitle: 'Real crossings that were counted',
      f1: 'F1',
      f1Title: 'Precision and recall in one figure',
    },
    caption: 'Precision, recall and F1 per model version and camera',
    explanation:
      'From the answers in Count review: precision = right counts ÷ all counts checked, recall = right counts ÷ (right counts + people missed), F1 combines the two. “—” means there is nothing yet to divide by.',
  },

  uptime: {
    title: 'Camera uptime',
    empty: 'No cameras to measure yet',
    columns: { day: 'Live, last 24 h', week: 'Live, last 7 days', samples: 'Samples (7 days)', since: 'Measured since' },
    caption: 'Share of time each camera was live',
    noSamples: 'no samples yet',
    explanation:
      'How it is worked out: while Footfall runs it notes each camera’s state every 15 seconds. Each note counts for the time until the next one (at most a minute), and the time live is divided by the time since the period began — or since the camera’s first note, when later. Time with Footfall not running counts as not live.',
  },

  database: {
    title: 'Database',
    facts: {
      size: 'Database size',
      growth: 'Growth per day',
      diskFull: 'Disk full in',
      lastRun: 'Last retention run',
      nextRun: 'Next retention run',
      kept: 'Kept before archiving',
    },
    sizeWithWal: (size: string, wal: string) => `${size} (and ${wal} of recent writes in the WAL file)`,
    /** The periods as health.units texts, before the link to Settings. */
    keptPeriods: (inference: string, metrics: string, ab: string) => `Inference results ${inference}, performance metrics ${metrics}, A/B results ${ab}`,
    settingsLink: 'Settings',
    noVacuum: 'This database was made before Footfall could shrink its file: space freed by retention is reused, but the file keeps its size until',
    noVacuumAfter: 'is run once while Footfall is closed.',
    noGrowth: 'No growth measured yet',
    noGrowthRetention: 'No growth measured yet (retention removes as much as is written)',
    growthPerDay: (size: string) => `About ${size} a day`,
    diskUnknown: 'Unknown: the free space of this disk cannot be read',
    noGrowthFree: (free: string) => `No growth measured yet (${free} free)`,
    lessThanADay: (free: string) => `Less than a day at this rate (${free} free): free some space now`,
    /** `days` is health.units.days; `years` the decimal number of years, or null under two years. */
    daysLeft: (days: string, years: string | null, free: string) => `About ${days}${years === null ? '' : ` (${years} years)`} at this rate, with ${free} free`,
    never: 'Never (the first run is at the next 03:00, or at start)',
    noReason: 'no reason recorded',
    /** `rows` is health.units.rows. */
    runCompleted: (at: string, rows: string) => `${at}: completed, ${rows} archived`,
    runFailed: (at: string, reason: string, rows: string) => `${at}: did not finish (${reason}), ${rows} archived before it stopped; the next run continues`,
    runningNow: 'Running now',
    notScheduled: 'Not scheduled in this window (the app runs it every night at 03:00)',
    /** What a retention period keeps, "1 inference result" / "12 inference results". */
    records: {
      inferenceResults: counted('inference result', 'inference results'),
      performanceMetrics: counted('performance metric', 'performance metrics'),
      abResults: counted('A/B test result', 'A/B test results'),
    },
    /** `period` is health.units.days/years, `rows` a health.database.records text. */
    shortening: (period: string, rows: string, before: string, at: string) =>
      `Shortening to ${period} archives and deletes ${rows} recorded before ${before} at the next run (${at}).`,
    shorteningDetail: 'Their detections and tracks are deleted with them; the counts on the Dashboard stay.',
  },
};
