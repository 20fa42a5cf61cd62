/**
 * A model version named in one string, `MODEL_ID@VERSION` (e.g. `yolov8n-coco@8.0.0`): what every
 * command-line option and JSON reply that names a version uses (`"ref"`). Pure; no registry
 * look-up (the engine checks that the version exists).
 */
export interface ModelRefParts {
  modelId: string;
  version: string;
}

const MODEL_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Semver's characters; the registry checks the version itself. */
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,49}$/;

/** Whether `text` looks like a ref (an `@` between a model id and a version), not a file path. */
export function isModelRef(text: string): boolean {
  return tryParseModelRef(text) !== undefined;
}

export function tryParseModelRef(text: string): ModelRefParts | undefined {
  const at = text.lastIndexOf('@');
  if (at <= 0) return undefined;
  const modelId = text.slice(0, at);
  const version = text.slice(at + 1);
  return MODEL_ID.test(modelId) && VERSION.test(version) ? { modelId, version } : undefined;
}

/** Throws a RangeError in plain words for anything that is not `MODEL_ID@VERSION`. */
export function parseModelRef(text: string): ModelRefParts {
  const ref = tryParseModelRef(text);
  if (!ref) {
    throw new RangeError(`"${text.slice(0, 80)}" is not a model version reference: write MODEL_ID@VERSION, e.g. yolov8n-coco@8.0.0`);
  }
  return ref;
}

export function formatModelRef(modelId: string, version: string): string {
  return `${modelId}@${version}`;
}
