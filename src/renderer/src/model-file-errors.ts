/**
 * What is wrong with a model file, in words a shop technician understands (issue 12, item 5):
 * the import, derive and training-log refusals of the registry, without protobuf wire types,
 * byte offsets, tensor shapes in brackets, staging paths or codes. plain-errors.ts asks here
 * first; null means "not a model-file problem", and the general rules apply.
 */
import type { AppErrorShape } from '../../shared/result';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `[1,1,32,32]` in a message → its numbers (symbolic dims as NaN). */
function shapeIn(message: string): number[] | null {
  const m = /\[([^\]]*)\]/.exec(message);
  if (!m) return null;
  return m[1]!.split(',').map((d) => Number(d.trim()));
}

function pictureSize(shape: number[] | null): string {
  if (!shape || shape.length !== 4) return '';
  const [, , h, w] = shape as [number, number, number, number];
  return Number.isFinite(h) && Number.isFinite(w) && h > 0 && w > 0 ? ` of ${w} × ${h} pixels` : '';
}

const EXPORT_AGAIN = 'Export the model again from the training tool as ONNX and import the new file.';

function inputProblem(message: string): string {
  const inputs = /has (\d+) inputs/.exec(message);
  if (inputs) return `The model takes ${plural(Number(inputs[1]), 'input')}; a person detector for Footfall takes one picture at a time. Import a detection model with a single image input.`;
  const shape = shapeIn(message);
  const channels = /channels (\S+) is not 3/.exec(message);
  if (channels) {
    const n = Number(channels[1]);
    const what = Number.isFinite(n) ? `pictures with ${plural(n, 'colour channel')}${pictureSize(shape)}` : 'pictures without a fixed number of colour channels';
    return `The model's input does not fit: it takes ${what}, but Footfall gives a detector colour pictures (3 channels: red, green, blue). Export the model for colour pictures and import it again.`;
  }
  const batch = /batch (\S+) is not 1/.exec(message);
  if (batch) return `The model's input does not fit: it takes ${batch[1]} pictures at a time, and Footfall gives it one. Export it with a batch size of 1 and import it again.`;
  if (/rank \d+ is not 4/.test(message)) return "The model's input is not a picture (one colour image with a height and a width), so Footfall cannot give it camera frames. Import a person-detection model.";
  const type = /element type (\w+) is not float32/.exec(message);
  if (type) return `The model's input takes ${type[1]} numbers, but Footfall gives it pictures as decimal numbers (float32). Export the model without changing its input type and import it again.`;
  if (/is not a positive size/.test(message)) return "The model's input has no usable picture size. Export it with a fixed image size (for example 640) and import it again.";
  return "The model's input is not one colour picture, which is what Footfall gives a person detector. Import a person-detection model.";
}

function outputProblem(message: string): string {
  if (/NaN or infinite/i.test(message)) {
    return `The model ran on a test picture but gave broken numbers (not-a-number or infinite values): the file is probably damaged or was exported wrongly. ${EXPORT_AGAIN}`;
  }
  if (/failed on a real frame/i.test(message)) return `The model stopped with an error when it was run on a test picture. ${EXPORT_AGAIN}`;
  if (/no outputs/i.test(message)) return 'The model gives no result at all, so it cannot find people. Import a person-detection model.';
  return 'The model ran on a test picture, but its result is not what a YOLO person detector gives, so Footfall cannot read people’s boxes from it. Import a YOLO detection model (YOLOv5, YOLOv8 or YOLO11) exported as ONNX.';
}

type Clean = (text: string) => string;

/** "Sidecar best.json: (root): Unrecognized key: \"licens\"" → what is wrong inside the sidecar, in words. */
function sidecarProblem(message: string, clean: Clean): string {
  const detail = message.replace(/^Sidecar [^:]*?(?=(?: is not valid JSON)|:)/, '').replace(/^:?\s*/, '');
  if (/^is not valid JSON/.test(detail)) return 'it is not valid JSON text (a bracket, comma or quote may be missing)';
  const key = /^(?:\(root\)|[\w.]+): Unrecognized keys?: (.+)$/i.exec(detail);
  if (key) return `it has ${key[1]!.includes(',') ? 'keys' : 'a key'} ${key[1]!.replace(/"/g, '“').replace(/“(\w+)“/g, '“$1”')} that Footfall does not know (check the spelling)`;
  const at = /^([\w.]+): (.+)$/.exec(detail);
  if (at && at[1] !== '(root)') return `the value of “${at[1]}”: ${lowerFirst(clean(at[2]!))}`;
  return lowerFirst(clean(detail.replace(/^\(root\):\s*/, '')));
}

function trainingProblem(message: string, clean: Clean): string {
  if (/not valid JSON/.test(message)) return 'it is not valid JSON text (a bracket, comma or quote may be missing)';
  if (/must be a results\.csv or a \.json file/.test(message)) return 'only an Ultralytics results.csv or a Footfall training JSON file can be read';
  if (/already belongs to model/.test(message)) return 'a training run with the same name already belongs to another model';
  if (/is empty/.test(message)) return 'the file is empty';
  const csv = /^results\.csv: (.+)$/.exec(message);
  if (csv) return `in the results.csv, ${lowerFirst(clean(csv[1]!))}`;
  const json = /^training JSON: ([\w.]+): (.+)$/.exec(message);
  if (json) {
    const where = json[1]!.replace(/^epochs\.(\d+)\.?/, (_m, i: string) => `epoch ${Number(i) + 1} `).trim();
    return `${where === '(root)' ? '' : `at ${where}, `}${lowerFirst(clean(json[2]!))}`;
  }
  return lowerFirst(clean(message.replace(/^training JSON:\s*/, '')));
}

const MB = 1024 * 1024;

/** `clean` tidies engine text that is kept (plain-errors' phrase rules). */
export function modelFileError(error: AppErrorShape, clean: Clean = (t) => t): string | null {
  const m = error.message ?? '';
  switch (error.code) {
    case 'MODEL_INVALID':
      if (/is empty/i.test(m)) return 'The file is empty (0 bytes): nothing was copied into it. Copy the model again and import the copy.';
      if (/runs past the end|truncated|unexpected end|end of (the )?(file|buffer)/i.test(m)) {
        return 'The file is cut short: it ends before the model does, as happens when a copy or download stopped early. Copy the file again and import the new copy.';
      }
      if (/cannot be read/i.test(m)) return 'The file could not be read. Check that it is not open in another program and that the drive is still connected, then try again.';
      return `This file is not an ONNX model, or it is damaged. Footfall imports person detectors saved as ONNX (.onnx). ${EXPORT_AGAIN}`;
    case 'MODEL_EMPTY':
      return 'The file is empty (0 bytes): nothing was copied into it. Copy the model again and import the copy.';
    case 'MODEL_INPUT_UNSUPPORTED':
      return inputProblem(m);
    case 'MODEL_OUTPUT_UNSUPPORTED':
    case 'MODEL_OUTPUT_INVALID':
      return outputProblem(m);
    case 'MODEL_TOO_LARGE': {
      const limit = /limit of (\d+) bytes/.exec(m);
      return `The file is larger than the import limit${limit ? ` of ${Math.round(Number(limit[1]) / MB)} MB` : ''}. Check that it is the right file; a person detector is usually well under 1 GB.`;
    }
    case 'MODEL_NOT_A_FILE':
      return 'That path is a folder or a device, not a model file. Give the path of the .onnx file itself.';
    case 'MODEL_SYMLINK':
      return 'That path is a link to a file elsewhere. Copy the model file itself to this PC and import the copy.';
    case 'MODEL_PATH_OUTSIDE_ROOT':
      return 'The file is outside the folder that was chosen. Pick a file inside that folder.';
    case 'MODEL_NOT_FOUND':
      // Also "camera … uses model …, which has no version": only a missing file is answered here.
      return /\bfile\b.*not found/i.test(m) ? 'The model file was not found at that path. Check the path, and that the drive or USB stick is connected.' : null;
    case 'SIDECAR_INVALID':
      return `The sidecar file (the .json beside the model) is not right: ${sidecarProblem(m, clean)}. Fix it, or import without it.`;
    case 'TRAINING_INVALID':
      return `The training log cannot be read: ${trainingProblem(m, clean)}. Give an Ultralytics results.csv or a Footfall training JSON file.`;
    case 'VERSION_EXISTS':
      return 'This model already has a version with that number but a different file. Give the new file its own version number.';
    case 'VERSION_INVALID':
      return 'The version number must look like 1.2.0 (three numbers with dots, optionally followed by a label such as -rc.1).';
    default:
      return null;
  }
}

function lowerFirst(text: string): string {
  const t = text.replace(/\.$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}
