/** English texts of the experiments area. Vietnamese in ../vi/experiments.ts (the compiler checks it has every key). */
import type { DeploymentStrategy, ExperimentMode, ExperimentSplit, Recommendation, RiskAssessment } from '../../../../shared/enums';

/** "1 frame", "2 frames": the number as already formatted, the noun by the count. */
const counted = (n: number, text: string, one: string, many: string): string => `${text} ${n === 1 ? one : many}`;

export const experiments = {
  /** What failed to load, in the error banner. */
  stores: {
    list: 'Loading experiments',
    status: 'Loading the experiment',
    versions: 'Loading model versions',
  },

  page: {
    title: 'Experiments',
    description: "Prove a model on the shop's own footage: shadow and A/B tests between a baseline and a challenger, with a verdict you can act on.",
    newExperiment: 'New experiment…',
    /** For "Loading …". */
    loadingWhat: 'experiments',
    emptyTitle: 'No experiments yet',
    emptyCanCreate: 'Compare a challenger with production: “New experiment…”.',
    emptyViewer: 'A technician creates experiments; they appear here.',
  },

  baseline: 'Baseline',
  challenger: 'Challenger',
  /** "yolov8n@2 against yolov8n@1": the challenger first. */
  against: (challenger: string, baseline: string) => `${challenger} against ${baseline}`,
  againstWord: 'against',
  toChallenger: (percent: string) => `${percent} % to the challenger`,
  mode: 'Mode',
  confidence: 'Confidence',
  interval: 'Interval',
  ended: 'Ended',

  modes: { shadow: 'Shadow', ab: 'A/B split' } satisfies Record<ExperimentMode, string>,
  /** One line under each mode choice. */
  modeHelp: {
    shadow: 'Both models see every frame; only the baseline’s counts are kept. Safe, and the fairest comparison — but it costs the CPU of two models.',
    ab: 'Each frame, camera or time slot is counted by one model only. Costs no extra CPU, but the challenger’s counts are used: it must be approved in review.',
  } satisfies Record<ExperimentMode, string>,
  splits: {
    frame: 'per frame',
    camera: 'per camera',
    slot: 'per time slot (switchback)',
  } satisfies Record<ExperimentSplit, string>,
  splitHelp: {
    frame: 'Each frame goes to one arm at random: the most balanced, but the trackers see gaps.',
    camera: 'Each camera stays with one arm: simple, but cameras differ.',
    slot: 'Each camera switches arm every few minutes, with a burn-in left out after each switch (switchback).',
  } satisfies Record<ExperimentSplit, string>,
  /** A roll-out strategy as the choice in the roll-out dialog. */
  strategies: {
    immediate: 'immediately, on every camera',
    canary: 'behind a canary on one camera',
    gradual: 'gradually, camera by camera',
  } satisfies Record<DeploymentStrategy, string>,
  /** A roll-out strategy by its short name ("suggested roll-out canary"). */
  strategyNames: { immediate: 'immediate', canary: 'canary', gradual: 'gradual' } satisfies Record<DeploymentStrategy, string>,
  risks: { low: 'low', medium: 'medium', high: 'high' } satisfies Record<RiskAssessment, string>,
  recommendations: {
    deploy_challenger: 'Deploy the challenger',
    keep_baseline: 'Keep the baseline',
    run_longer: 'Run longer',
  } satisfies Record<Recommendation, string>,

  counts: {
    frames: (n: number, text: string) => counted(n, text, 'frame', 'frames'),
    intervals: (n: number, text: string) => counted(n, text, 'interval', 'intervals'),
    framesPerArm: (n: number, text: string) => `${counted(n, text, 'frame', 'frames')} per arm`,
  },

  /** The comparison in words (experiment-words.ts puts the parts together). */
  difference: {
    crossings: (percent: string, fewer: boolean) => `the challenger counts ${percent} % ${fewer ? 'fewer' : 'more'} crossings`,
    f1: (points: string, lower: boolean) => `the challenger's F1 is ${points} points ${lower ? 'lower' : 'higher'}`,
    noIntervalYet: (head: string, level: string) => `${head} (too few intervals for a ${level} interval yet)`,
    withInterval: (head: string, level: string, interval: string) => `${head}, ${level} CI ${interval}`,
    f1Interval: (lo: string, hi: string) => `${lo} to ${hi} points`,
    /** One end of an interval that crosses zero: "2.0 % fewer". */
    side: (percent: string, fewer: boolean) => `${percent} % ${fewer ? 'fewer' : 'more'}`,
    across: (lo: string, hi: string) => `from ${lo} to ${hi}`,
  },

  /** What a roll-out changes, in one sentence for the confirmation dialog. */
  rollout: {
    immediate: (challenger: string, baseline: string) => `${challenger} will replace ${baseline} in production on every camera now.`,
    canary: (challenger: string, baseline: string, where: string) => `${challenger} will be rolled out behind a canary on ${where}; the baseline ${baseline} stays in production until the canary passes.`,
    gradual: (challenger: string, baseline: string, where: string) =>
      `${challenger} will be rolled out gradually, starting with a canary on ${where}; the baseline ${baseline} stays in production until each stage passes.`,
    onCamera: (camera: string) => `camera ${camera}`,
    firstCamera: 'the first camera',
  },

  table: {
    caption: 'Experiments',
    experiment: 'Experiment',
    hideDetails: 'Hide details',
    /** After "Details", for screen readers: "Details of Door test". */
    of: (name: string) => `of ${name}`,
  },

  detail: {
    loadingWhat: 'the experiment',
    refreshedEvery: (seconds: string) => `refreshed every ${seconds} s`,
    overTime: 'Both arms over time',
    noResults: 'No results yet: run it over a recording, or start it on the cameras.',
    arms: 'Arms',
    design: 'Design',
    conclusions: 'Conclusions',
    noVerdict: 'No verdict',
    rolloutPipeline: (pipelineId: string) => `Roll-out pipeline ${pipelineId}.`,
    ran: (name: string, frames: string, intervals: string, verdict: string) => `Ran “${name}” over ${frames} (${intervals}): ${verdict.toLowerCase()}.`,
  },

  facts: {
    minSample: 'Minimum sample',
    successMetric: 'Success metric',
    metricF1: 'F1 against truth',
    metricCrossings: 'crossings against production',
    guards: 'Guards',
    guardsText: (percent: string, ratio: string) => `counts within ±${percent} %, latency at most ${ratio}×`,
    intervalText: (seconds: string) => `${seconds} s of video`,
  },

  actions: {
    start: 'Start',
    starting: 'Starting…',
    stop: 'Stop',
    stopping: 'Stopping…',
    runOver: 'Run over a recording…',
    conclude: 'Conclude…',
    rollout: 'Roll out challenger…',
    startError: 'Starting',
    stopError: 'Stopping',
    started: (name: string) => `“${name}” is running: live cameras pick it up at their next check.`,
    stopped: (name: string) => `“${name}” is stopped; what was measured stays and can be concluded.`,
  },

  verdict: {
    title: 'Verdict',
    riskAndStrategy: (risk: string, strategy: string) => `risk ${risk}, suggested roll-out ${strategy}`,
    significance: (significant: boolean, p: string) => `${significant ? 'Significant' : 'Not significant'} (p = ${p}).`,
    sample: 'Sample',
    sampleText: (smallest: string, minimum: string, reached: boolean, intervals: string) => `${smallest} of ${minimum}${reached ? ' — minimum reached' : ''}; ${intervals}.`,
    splitHealth: 'Split health',
    splitOk: 'Split OK',
    srmCheck: (p: string) => `sample-ratio check p = ${p}`,
    srmMismatch: 'Sample ratio mismatch',
    srmExplained: (p: string, percent: string) => `p = ${p}: the arms did not get the traffic configured (${percent} % to the challenger), so no comparison can be trusted.`,
    notChecked: 'Not checked yet: no assignments recorded.',
    assigned: (baseline: string, challenger: string) => `Assigned: ${baseline} to the baseline, ${challenger} to the challenger.`,
  },

  chart: {
    perInterval: 'Crossings per interval',
    per1000: 'Crossings per 1000 frames',
    agreement: 'Agreement',
    label: (what: string) => `Line chart: ${what.toLowerCase()} of the baseline and the challenger, interval by interval`,
    caption: (what: string) => `${what}, baseline and challenger`,
  },

  arms: {
    caption: 'The arms of the experiment',
    arm: 'Arm',
    frames: 'Frames',
    skipped: 'Skipped',
    skippedTitle: 'Frames the challenger could not process while the CPU was busy',
    latency: 'Latency (ms)',
    latencyTitle: 'Mean inference time per frame',
    cost: 'Cost / 1000 frames',
    costTitle: 'Measured CPU time × device power × energy price',
    prf: 'P / R / F1',
    prfTitle: 'Precision / recall / F1 against the truth file, percent',
  },

  conclude: {
    concluded: (name: string, verdict: string) => `Concluded “${name}”: ${verdict.toLowerCase()}.`,
    rollingOut: (ref: string, pipelineId: string, status: string) => `Rolling out ${ref}: pipeline ${pipelineId} is ${status}. Follow it on the Models page.`,
    whatChanges: (verdict: string, keepsRunning: boolean, baseline: string) =>
      `The verdict “${verdict}” is recorded with its reason${keepsRunning ? '; the experiment keeps running.' : ' and the experiment is marked completed.'} Nothing changes on the cameras: ${baseline} stays in production.`,
    rolloutTitle: (ref: string) => `Roll out ${ref}?`,
    concludeTitle: (name: string) => `Conclude “${name}”?`,
    rolloutAnyway: 'Roll out anyway',
    rolloutChallenger: 'Roll out challenger',
    conclude: 'Conclude',
    rollingOutPending: 'Starting the roll-out…',
    concluding: 'Concluding…',
    rolloutError: 'The roll-out',
    concludeError: 'Concluding',
    verdict: 'Verdict:',
    rollout: 'Roll-out',
    suggested: '(suggested)',
    suggestedFor: (risk: string) => `Suggested for a ${risk} risk. Every stage is guarded; a breached guard rolls back by itself.`,
    canaryCamera: 'Canary camera',
    noCamera: 'No camera is configured: choose an immediate roll-out, or add a camera first.',
    againstVerdict: 'The verdict is not to deploy the challenger. Rolling it out anyway needs a reason; it is recorded with the conclusion.',
    overrideReason: 'Reason for the override',
    overrideHelp: 'At least 3 characters.',
    notes: 'Notes',
    recordedAs: (who: string) => `Recorded as ${who}.`,
    stageFailed: (stage: string) => `Stage “${stage}” failed`,
    productionUnchanged: 'Production was left unchanged.',
  },

  run: {
    title: (name: string) => `Run “${name}” over a recording`,
    description: "Both arms count the recording through the real pipeline; nothing is stored as counts. The results are added to the experiment's intervals.",
    running: 'Running the experiment over the recording…',
    runError: 'The run',
    runningShort: 'Running…',
    run: 'Run',
    recording: 'Recording',
    recordingPlaceholder: '/home/shop/recordings/door-2025-03-01.mp4',
    recordingHelp: "A video file on this PC (full path), or a camera's rtsp:// or http:// address.",
    countingLine: 'Counting line (source pixels)',
    countingLineHelp: "From (x1, y1) to (x2, y2), in the recording's own pixels.",
    truthFile: 'Truth file',
    truthPlaceholder: 'optional: /home/shop/recordings/door-truth.json',
    truthHelp: 'footfall-crossings/v1 JSON: with it, precision, recall and F1 of each arm are measured.',
    fps: 'Frames per second',
    fpsPlaceholder: "the recording's",
    maxFrames: 'At most frames',
    maxFramesPlaceholder: 'all',
  },

  create: {
    title: 'New experiment',
    description: 'Does the challenger count as well as production, here? Pick the two versions, choose how to compare them, and optionally run it now.',
    steps: { versions: 'Versions', design: 'Design', run: 'Run' },
    stepsLabel: 'Steps',
    created: (name: string) => `Experiment “${name}” created as a draft: run it over a recording or start it on the cameras.`,
    /** The verdict as the engine names it, underscores as spaces ("run longer"). */
    ran: (name: string, frames: string, intervals: string, recommendation: Recommendation) =>
      `Experiment “${name}” ran over ${frames} (${intervals}): ${recommendation.replace(/_/g, ' ')}.`,
    versionsWhat: 'model versions',
    noModel: 'No model is registered yet: import one on the Models page first.',
    baselineHelp: 'The version counting now (production by default).',
    challengerHelp: 'The version to prove. The same version as the baseline is an A/A test: it should show no difference.',
    modeShort: { shadow: 'Shadow', ab: 'A/B' } satisfies Record<ExperimentMode, string>,
    /** "Shadow experiment “Door test”", before ": challenger against baseline". */
    summary: (mode: string, name: string) => `${mode} experiment “${name}”`,
    createdAs: (experimentId: string) => `Created as ${experimentId}.`,
    runNow: 'Run it over a recording now (offline: a verdict in minutes)',
    createError: 'Creating the experiment',
    backToDesign: 'Back to the design',
    back: 'Back',
    next: 'Next',
    creating: 'Creating…',
    runAgain: 'Run again',
    createAndRun: 'Create and run',
    create: 'Create experiment',
  },

  design: {
    namePlaceholder: 'e.g. 320 version at the front door',
    nameHelp: 'What the experiment is for.',
    split: 'Split',
    traffic: 'Traffic to the challenger (%)',
    trafficHelp: 'Share of frames, cameras or slots the challenger counts.',
    minSample: 'Minimum sample (frames)',
    minSampleHelp: 'Frames each arm must process before a verdict.',
    confidenceHelp: 'How sure the verdict must be.',
    interval: 'Interval (seconds)',
    intervalHelp: 'Seconds of video per compared interval.',
  },

  versions: {
    production: '(production)',
    legend: (ref: string) => `Or make a challenger from ${ref}`,
    make320: 'Make a 320 version',
    makeInt8: 'Make an int8 version',
    threshold: 'Detection threshold',
    thresholdPlaceholder: 'e.g. 0.35',
    thresholdHelp: 'The same weights with another threshold: a cheap challenger, or a way to tune a camera.',
    makeThreshold: 'Make a version with this threshold',
    help: 'A 320 version runs about 4× faster; int8 runs faster still on most CPUs. Each is checked on the sample frame like any import.',
    /** What is being made, for "Making …". */
    kinds: { size: 'the 320 version', int8: 'the int8 version', threshold: 'the version with its own detection threshold' },
    theVersion: 'the version',
    making: (what: string) => `Making ${what}…`,
    makingError: (what: string) => `Making ${what}`,
    existing: (ref: string, parentRef: string) => `${ref} was already registered (the same derivation of ${parentRef}); it is now the challenger.`,
    made: (ref: string, parentRef: string, seconds: string, changes: string) => `Made ${ref} from ${parentRef} in ${seconds} s (${changes}); it is now the challenger.`,
    persons: (n: number, text: string) => `It found ${counted(n, text, 'person', 'people')} on the sample frame.`,
  },
};
