/**
 * What is wrong with a model file, in words a shop technician understands (issue 12, item 5):
 * the import, derive and training-log refusals of the registry, without protobuf wire types,
 * byte offsets, tensor shapes in brackets, staging paths or codes. plain-errors.ts asks here
 * first; null means "not a model-file problem", and the general rules apply.
 */
import type { AppErrorShape } from '../../shared/result';
import { formatInt } from './format';
import { t } from './i18n';

/** Read while building a message, so it is in the language shown. */
const words = () => t().models.fileErrors;

/** `[1,1,32,32]` in a message → its numbers (symbolic dims as NaN). */
function shapeIn(message: string): number[] | null {
  const m = /\[([^\]]*)\]/.exec(message);
  if (!m) return null;
  return m[1]!.split(',').map((d) => Number(d.trim()));
}

function pictureSize(shape: number[] | null): string {
  if (!shape || shape.length !== 4) return '';
  const [, , h, w] = shape as [number, number, number, number];
  return Number.isFinite(h) && Number.isFinite(w) && h > 0 && w > 0 ? words().pictureSize(String(w), String(h)) : '';
}

function inputProblem(message: string): string {
  const w = words();
  const inputs = /has (\d+) inputs/.exec(message);
  if (inputs) return w.inputs(Number(inputs[1]), formatInt(Number(inputs[1])));
  const shape = shapeIn(message);
  const channels = /channels (\S+) is not 3/.exec(message);
  if (channels) {
    const n = Number(channels[1]);
    return w.channels(Number.isFinite(n) ? w.channelsWith(n, formatInt(n), pictureSize(shape)) : w.channelsNone);
  }
  const batch = /batch (\S+) is not 1/.exec(message);
  if (batch) return w.batch(batch[1]!);
  if (/rank \d+ is not 4/.test(message)) return w.rank;
  const type = /element type (\w+) is not float32/.exec(message);
  if (type) return w.elementType(type[1]!);
  if (/is not a positive size/.test(message)) return w.noSize;
  return w.notPicture;
}

function outputProblem(message: string): string {
  const w = words();
  if (/NaN or infinite/i.test(message)) return w.nan(w.exportAgain);
  if (/failed on a real frame/i.test(message)) return w.failedOnFrame(w.exportAgain);
  if (/no outputs/i.test(message)) return w.noOutputs;
  return w.notYolo;
}

type Clean = (text: string) => string;

/** "Sidecar best.json: (root): Unrecognized key: \"licens\"" → what is wrong inside the sidecar, in words. */
function sidecarProblem(message: string, clean: Clean): string {
  const w = words();
  const detail = message.replace(/^Sidecar [^:]*?(?=(?: is not valid JSON)|:)/, '').replace(/^:?\s*/, '');
  if (/^is not valid JSON/.test(detail)) return w.invalidJson;
  const key = /^(?:\(root\)|[\w.]+): Unrecognized keys?: (.+)$/i.exec(detail);
  if (key) return w.unknownKeys(key[1]!.includes(','), key[1]!.replace(/"/g, '“').replace(/“(\w+)“/g, '“$1”'));
  const at = /^([\w.]+): (.+)$/.exec(detail);
  if (at && at[1] !== '(root)') return w.valueOf(at[1]!, lowerFirst(clean(at[2]!)));
  return lowerFirst(clean(detail.replace(/^\(root\):\s*/, '')));
}

function trainingProblem(message: string, clean: Clean): string {
  const w = words();
  if (/not valid JSON/.test(message)) return w.invalidJson;
  if (/must be a results\.csv or a \.json file/.test(message)) return w.trainingFormat;
  if (/already belongs to model/.test(message)) return w.trainingOtherModel;
  if (/is empty/.test(message)) return w.fileEmpty;
  const csv = /^results\.csv: (.+)$/.exec(message);
  if (csv) return w.inCsv(lowerFirst(clean(csv[1]!)));
  const json = /^training JSON: ([\w.]+): (.+)$/.exec(message);
  if (json) {
    const where = json[1]!.replace(/^epochs\.(\d+)\.?/, (_m, i: string) => `${w.epoch(String(Number(i) + 1))} `).trim();
    return `${where === '(root)' ? '' : w.at(where)}${lowerFirst(clean(json[2]!))}`;
  }
  return lowerFirst(clean(message.replace(/^training JSON:\s*/, '')));
}

const MB = 1024 * 1024;

/** `clean` tidies engine text that is kept (plain-errors' phrase rules). */
export function modelFileError(error: AppErrorShape, clean: Clean = (t) => t): string | null {
  const m = error.message ?? '';
  const w = words();
  switch (error.code) {
    case 'MODEL_INVALID':
      if (/is empty/i.test(m)) return w.empty;
      if (/runs past the end|truncated|unexpected end|end of (the )?(file|buffer)/i.test(m)) return w.cutShort;
      if (/cannot be read/i.test(m)) return w.unreadable;
      return w.notOnnx(w.exportAgain);
    case 'MODEL_EMPTY':
      return w.empty;
    case 'MODEL_INPUT_UNSUPPORTED':
      return inputProblem(m);
    case 'MODEL_OUTPUT_UNSUPPORTED':
    case 'MODEL_OUTPUT_INVALID':
      return outputProblem(m);
    case 'MODEL_TOO_LARGE': {
      const limit = /limit of (\d+) bytes/.exec(m);
      return w.tooLarge(limit ? String(Math.round(Number(limit[1]) / MB)) : null);
    }
    case 'MODEL_NOT_A_FILE':
      return w.notAFile;
    case 'MODEL_SYMLINK':
      return w.symlink;
    case 'MODEL_PATH_OUTSIDE_ROOT':
      return w.outsideRoot;
    case 'MODEL_NOT_FOUND':
      // Also "camera … uses model …, which has no version": only a missing file is answered here.
      return /\bfile\b.*not found/i.test(m) ? w.notFound : null;
    case 'SIDECAR_INVALID':
      return w.sidecar(sidecarProblem(m, clean));
    case 'TRAINING_INVALID':
      return w.training(trainingProblem(m, clean));
    case 'VERSION_EXISTS':
      return w.versionExists;
    case 'VERSION_INVALID':
      return w.versionInvalid;
    default:
      return null;
  }
}

function lowerFirst(text: string): string {
  const t = text.replace(/\.$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}
