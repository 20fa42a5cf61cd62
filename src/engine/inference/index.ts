// The inference module's public surface: the CLI, pipeline, registry and bench import from here.
export { PersonDetector, type DetectResult, type DetectTimings, type DetectorInfo, type PersonDetectorOptions } from './person-detector';
export { InferenceError, type InferenceErrorCode } from './errors';
export {
  chooseExecutionProvider,
  defaultIntraOpThreads,
  type ChooseProviderOptions,
  type ProviderChoice,
  type ProviderName,
  type ProviderRequest,
} from './execution-provider';
export { readOnnxInfo, type OnnxInfo, type OnnxValueInfo } from './onnx-proto-reader';
export { parseClassNames, parseImageSize } from './model-inspect';
export { letterboxParams, letterboxFilter, toSourceX, toSourceY, PAD_VALUE, type LetterboxParams } from './preprocess';
export { loadImageRgb, type LoadImageOptions } from './image-loader';
export { measureRawInference, type RawInferenceResult } from './raw-inference';
export type { LayoutKind } from './layout';
