import { describe, expect, it } from 'vitest';
import { plainError } from './plain-errors';

// The registry's real refusals of bad model files (tests/integration/registry/import.test.ts makes
// each of these files), as the page receives them.
const say = (code: string, message: string): string => plainError({ code: code as never, message });
const JARGON = /[A-Z]{3,}_[A-Z]+|protobuf|wire type|staging|\/tmp\/|\[1,|float32 \(one|runs past|at byte|Unrecognized|expected \[/;

describe('bad model files in plain words', () => {
  it('says what is wrong with the file, without codes, paths, byte offsets or tensor shapes', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'MODEL_INVALID',
        'Model file /tmp/mp-gM/models/.staging-e355345ef221af48.onnx is not a loadable ONNX model: Failed to load model because protobuf parsing failed. (Not an ONNX model or corrupt: unsupported wire type 3 at byte 1)',
        /^This file is not an ONNX model, or it is damaged\./,
      ],
      [
        'MODEL_INVALID',
        'Model file /tmp/mp-gM/models/.staging-68f1.onnx is not a loadable ONNX model: Failed to load model because protobuf parsing failed. (Not an ONNX model or corrupt: field of 12769474 bytes at byte 23 runs past the end (1048553 left))',
        /^The file is cut short: it ends before the model does/,
      ],
      ['MODEL_EMPTY', 'Model file /tmp/mp-gM/empty.onnx is empty (0 bytes)', /^The file is empty \(0 bytes\)/],
      [
        'MODEL_INPUT_UNSUPPORTED',
        'Model input "images" is [1,1,32,32] float32; expected [1,3,H,W] float32 (one RGB image): channels 1 is not 3',
        /^The model's input does not fit: it takes pictures with 1 colour channel of 32 × 32 pixels, but Footfall gives a detector colour pictures \(3 channels: red, green, blue\)\./,
      ],
      ['MODEL_INPUT_UNSUPPORTED', 'Model input "images" is [4,3,640,640] float32; expected [1,3,H,W] float32 (one RGB image): batch 4 is not 1', /takes 4 pictures at a time, and Footfall gives it one/],
      ['MODEL_INPUT_UNSUPPORTED', 'Model has 2 inputs; a detector takes exactly one image', /^The model takes 2 inputs; a person detector for Footfall takes one picture/],
      ['MODEL_OUTPUT_INVALID', 'Model output "output0" on a real frame has 12 of 705600 values NaN or infinite', /^The model ran on a test picture but gave broken numbers/],
      ['MODEL_OUTPUT_INVALID', 'Model output "output0" on a real frame is [1,56,168]: 56 rows is not 4 + classes', /not what a YOLO person detector gives/],
      ['MODEL_OUTPUT_UNSUPPORTED', 'Model output "out" is [1,10] float32; expected YOLOv8/YOLO11 [1,4+C,N] or YOLOv5 [1,N,5+C] float32: rank 2', /not what a YOLO person detector gives/],
      ['MODEL_TOO_LARGE', 'Model file /media/usb/big.onnx is 2000000000 bytes, over the limit of 1073741824 bytes', /^The file is larger than the import limit of 1024 MB\./],
      ['MODEL_SYMLINK', 'Model file /media/usb/link.onnx is a symbolic link; copy the file itself', /link to a file elsewhere/],
      ['MODEL_NOT_A_FILE', 'Model file /media/usb is not a regular file', /folder or a device/],
      ['MODEL_PATH_OUTSIDE_ROOT', 'Model file /media/x.onnx is outside the chosen folder /media/usb', /outside the folder that was chosen/],
      ['MODEL_NOT_FOUND', 'Model file /nonexistent/footfall/missing.onnx not found', /^The model file was not found at that path\./],
      ['SIDECAR_INVALID', 'Sidecar variant.json: (root): Unrecognized key: "licens"', /^The sidecar file \(the \.json beside the model\) is not right: it has a key “licens” that Footfall does not know \(check the spelling\)\./],
      ['SIDECAR_INVALID', 'Sidecar best.json is not valid JSON: Unexpected token } in JSON at position 10', /is not right: it is not valid JSON text/],
      ['SIDECAR_INVALID', 'Sidecar best.json: version: Too small: expected string to have >=5 characters', /the value of “version”: this needs at least 5 characters/],
      ['TRAINING_INVALID', 'training JSON: epochs.2.trainLoss: Invalid input: expected number, received string', /^The training log cannot be read: at epoch 3 trainLoss, this must be a number\./],
      ['TRAINING_INVALID', 'results.csv: row 3 has 5 values for 6 columns', /in the results\.csv, row 3 has 5 values for 6 columns/],
      ['VERSION_EXISTS', 'model m already has a version 1.0.0 with different bytes; choose a new version number', /its own version number/],
    ];
    for (const [code, message, expected] of cases) {
      const text = say(code, message);
      expect(text, `${code}: ${message}`).toMatch(expected);
      expect(text, `${code}: ${message}`).not.toMatch(JARGON);
      expect(text.endsWith('.')).toBe(true);
    }
  });

  it('leaves other failures to the general rules', () => {
    // A camera pinned to a model without versions is not a file problem.
    expect(say('MODEL_NOT_FOUND', 'camera door uses model m, which has no version')).toBe('Camera door uses model m, which has no version');
    expect(say('NO_PREVIOUS_VERSION', 'all cameras has no previous production version')).toContain('has no previous production version');
  });
});
