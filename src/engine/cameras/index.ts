// Public surface of the live camera engine.
export { DEFAULT_CAMERA_ENGINE_OPTIONS, resolveCameraEngineOptions, type CameraEngineOptions } from './camera-engine-options';
export { CameraManager, type CameraController, type CameraManagerDeps } from './camera-manager';
export { CameraRuntime, configSignature, type RuntimeReason, type RuntimeState } from './camera-runtime';
export { decodeSecret, encodeSecret, injectSecrets, splitUrlSecrets, type CameraSecret } from './camera-secrets';
export { cameraSourceFor } from './camera-source';
export { listCameraDevices, testCameraSource } from './camera-test';
export { resumeLineCounts, type LineTotals } from './count-resume';
export { DetectorPool, type DetectorLease } from './detector-pool';
export { DEFAULT_GIVE_UP, FailureTracker, type GiveUpPolicy, type GiveUpRule } from './failure-policy';
export { resolveCameraModel, type LoadedModel, type ModelChoice, type ModelResolver } from './model-resolver';
export { encodePreview } from './preview-encoder';
