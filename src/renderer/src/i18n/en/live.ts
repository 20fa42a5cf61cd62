/** English texts of the live area. Vietnamese in ../vi/live.ts (the compiler checks it has every key). */
export const live = {
  page: {
    description: 'People walking in and out, per camera, as it happens.',
    /** The empty state's hint, around a link to the Cameras page. */
    emptyBefore: 'Add one on the ',
    emptyLink: 'Cameras',
    emptyAfter: ' page.',
    loadingContext: 'Loading live state',
  },
  tile: {
    offline: 'No connection to the Footfall server: the figures below are the last ones received.',
    stale: (seconds: string) => `No picture from this camera for more than ${seconds} seconds.`,
    inToday: 'In today',
    outToday: 'Out today',
    inside: 'Inside',
    enlarge: (name: string) => `Enlarge ${name}`,
    largerView: 'Larger view',
    model: (modelId: string, version: string) => `Model ${modelId} v${version}`,
    modelNotRunning: 'Model: not running yet',
    fpsProcessed: (fps: string) => `${fps} fps processed`,
    updated: (at: string) => `Updated ${at}`,
    noCounts: 'No counts yet',
    editLines: 'Edit lines…',
    fullScreen: 'Full screen',
    close: 'Close',
  },
  /** The live picture with its tracked boxes, drawn on a canvas. */
  overlay: {
    waiting: 'Waiting for video…',
    /** The label over a tracked person's box: track id and detection confidence. */
    track: (id: string, percent: string) => `#${id} ${percent}%`,
    /** The word by each counting line's arrow: the side counted as in. */
    inArrow: 'IN',
    name: (camera: string, what: string) => `Live view of ${camera}: ${what}`,
    tracked: (count: number, n: string) => `${n} ${count === 1 ? 'person' : 'people'} tracked`,
    noVideo: 'no video yet',
  },
  lineEditor: {
    saved: 'Lines saved: the camera counts on them within seconds.',
    save: 'Save lines and zones',
    saving: 'Saving…',
    cancel: 'Cancel',
  },
  /** The tile's drift and tamper badge. */
  drift: {
    loadingContext: 'Loading drift and tamper alerts',
    tamper: {
      covered: 'Camera covered?',
      blinded: 'Camera blinded?',
      defocused: 'Picture out of focus?',
      moved: 'Camera moved?',
    },
    tampered: 'Camera tampered with?',
    features: {
      brightness: 'brightness',
      contrast: 'contrast',
      sharpness: 'sharpness',
      confidence: 'detection confidence',
      detections: 'people per frame',
      box_height: 'box height',
      box_aspect: 'box shape',
      count_in: 'people in',
      count_out: 'people out',
    },
    /** Joins the changed features' names. */
    separator: ', ',
    countingChanged: 'Counting changed',
    countingChangedIn: (what: string) => `Counting changed: ${what}`,
    pictureChanged: (what: string) => `Picture changed: ${what}`,
    details: 'Details on Health',
  },
};
