/** English texts of the errors area. Vietnamese in ../vi/errors.ts (the compiler checks it has every key). */
export const errors = {
  /** The heading of a failed action in the banner or beside a form: "Loading cameras failed". */
  failed: (context: string) => `${context} failed`,
  dismissFailed: (context: string) => `Dismiss: ${context} failed`,
  /** What was being done when a request failed (the banner's "… failed"). */
  contexts: {
    background: 'Background task',
    showingPage: 'Showing this page',
    loadingAppInfo: 'Loading app information',
    loadingBackups: 'Loading backups',
    loadingSettings: 'Loading settings',
    loadingSync: 'Loading chain sync status',
    savingSetting: (key: string) => `Saving setting ${key}`,
  },
  /** Codes whose meaning does not depend on the request. */
  byCode: {
    UNAVAILABLE: 'Cannot reach the Footfall server. It reconnects by itself; check that it is running.',
    UNAUTHENTICATED: 'You are signed out. Please sign in again.',
    FORBIDDEN: 'Your role does not allow this. Ask an admin.',
    NOT_FOUND: 'It no longer exists: it may have been removed in the meantime.',
    CONFLICT: 'Someone changed this at the same time. Reload and try again.',
    INTERNAL: 'Something went wrong inside Footfall. Try again; if it keeps happening, restart the app.',
    TOO_LARGE: 'That is too large to send.',
    RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
    // Experiments and derived versions (issue 9).
    EXPERIMENT_NOT_FOUND: 'This experiment no longer exists: it may have been removed in the meantime. Reload the list.',
    VERSION_NOT_FOUND: 'That model version is not registered. Pick one from the list, or import it on the Models page.',
    REVIEW_REQUIRED:
      'The challenger must be approved in review first (on the Models page) before it counts for real in an A/B split or a roll-out. A shadow experiment needs no review.',
    VERDICT_BLOCKS_ROLLOUT: 'The verdict is not to deploy the challenger. To roll it out anyway, give a reason for the override.',
  },
  /** Codes whose engine message says what is wrong with this request: this lead, then the message cleaned up. */
  withDetail: {
    EXPERIMENT_INVALID: 'The experiment cannot be set up or run that way',
    EXPERIMENT_STATE: 'Not possible in the experiment’s current state',
    DERIVE_INVALID: 'The version cannot be made that way',
    DERIVE_UNSUPPORTED: 'This model cannot be derived that way',
    // Gated rollouts: the engine says which gate or guard stopped the version, in words.
    GATE_FAILED: 'The version did not pass the roll-out gate',
    CANARY_GUARD_BREACHED: 'The canary was rolled back',
    CANARY_CAMERA_PINNED: 'That camera cannot run the canary',
    SHADOW_EVIDENCE_INVALID: 'That experiment cannot stand as the shadow evidence',
  },
  /** A lead and the engine's detail: "The canary was rolled back: p95 latency rose." */
  leadWithDetail: (lead: string, detail: string) => `${lead}: ${detail}.`,
  leadAlone: (lead: string) => `${lead}.`,
  /** A VALIDATION envelope: its issues, already joined by `issueSeparator`, or the engine's message. */
  checkTheForm: (issues: string) => `Please check the form: ${issues}.`,
  checkTheFormMessage: (message: string) => `Please check the form: ${message}`,
  issueSeparator: '; ',
  /** The form's field names as the engine's paths spell them (`lines.0.x1` → "line 1 x1"); others stay as they are. */
  fields: {
    name: 'name',
    url: 'stream URL',
    username: 'user name',
    password: 'password',
    processFps: 'processing rate',
    line: 'line',
    zone: 'zone',
    polygon: 'polygon',
    modelPath: 'model file',
    cameraId: 'camera',
    notes: 'notes',
    value: 'value',
  } as Record<string, string>,
  /** zod's and the engine's validation wording, in words an operator understands. */
  phrases: {
    required: 'this is required',
    atLeastCharacters: (n: string) => `this needs at least ${n} characters`,
    atMostCharacters: (n: string) => `this must be at most ${n} characters`,
    atLeast: (n: string) => `this must be at least ${n}`,
    atMost: (n: string) => `this must be at most ${n}`,
    atLeastPoints: (n: string) => `this needs at least ${n} points`,
    number: 'this must be a number',
    wholeNumber: 'this must be a whole number',
    wrongForm: 'this value has the wrong form',
    unexpected: 'the form sent something unexpected',
    dateTime: 'this is not a valid date and time',
    notOnnx: 'the file is not a valid ONNX model',
    /** What an absolute path in an engine message becomes (no internal path reaches the page). */
    theFile: 'the file',
  },
};
