import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { InferenceError } from '../../../src/engine/inference/errors';
import { parseClassNames, parseImageSize } from '../../../src/engine/inference/model-inspect';
import { readOnnxInfo } from '../../../src/engine/inference/onnx-proto-reader';
import { buildOnnx, identityModel, int64Initializer, reshapeModel } from '../../fixtures/onnx/build-onnx';
import { MODEL_PATH, requireAssets } from './assets';

function expectInvalid(bytes: Uint8Array): InferenceError {
  let caught: unknown;
  try {
    readOnnxInfo(bytes);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InferenceError);
  expect((caught as InferenceError).code).toBe('MODEL_INVALID');
  return caught as InferenceError;
}

describe('readOnnxInfo on the real yolov8n', () => {
  let bytes: Uint8Array;
  beforeAll(() => {
    requireAssets(MODEL_PATH);
    bytes = readFileSync(MODEL_PATH);
  });

  it('reads versions, producer, metadata, parameters and I/O', () => {
    const info = readOnnxInfo(bytes);
    expect(info.irVersion).toBe(8);
    expect(info.opsetVersion).toBe(17);
    expect(info.producerName).toBe('pytorch');
    expect(info.producerVersion).toMatch(/^\d+\.\d+/);
    // Ultralytics quotes 3.2M parameters for YOLOv8n (BN folded into conv on export).
    expect(info.parameterCount).toBeGreaterThan(3_000_000);
    expect(info.parameterCount).toBeLessThan(3_300_000);
    expect(info.metadata.stride).toBe('32');
    expect(info.metadata.task).toBe('detect');
    expect(info.metadata.license).toMatch(/AGPL-3\.0/);
    expect(parseImageSize(info.metadata.imgsz)).toEqual({ width: 640, height: 640 });
    const names = parseClassNames(info.metadata.names);
    expect(names).toHaveLength(80);
    expect(names?.[0]).toBe('person');
    expect(names?.[16]).toBe('dog');
    expect(names?.[79]).toBe('toothbrush');
    expect(info.inputs).toEqual([{ name: 'images', dims: [1, 3, 640, 640], elemType: 1 }]);
    expect(info.outputs).toEqual([{ name: 'output0', dims: [1, 84, 8400], elemType: 1 }]);
  });

  it('a truncated copy (first 1 MB) is MODEL_INVALID', () => {
    const err = expectInvalid(bytes.subarray(0, 1024 * 1024));
    expect(err.message).toMatch(/runs past the end/);
  });
});

describe('readOnnxInfo on built models', () => {
  it('round-trips what the fixture encoder wrote', () => {
    const bytes = buildOnnx({
      irVersion: 9,
      opset: 18,
      producerName: 'maker',
      producerVersion: '2.1',
      nodes: [{ opType: 'Reshape', inputs: ['x', 'shape'], outputs: ['y'] }],
      inputs: [{ name: 'x', dims: ['batch', 3, 'h', 'w'] }],
      outputs: [{ name: 'y', dims: [1, 84, 'n'] }],
      initializers: [int64Initializer('shape', [1, 84, -1]), { name: 'w', dataType: 1, dims: [16, 3, 3, 3], raw: new Uint8Array(16 * 27 * 4) }],
      metadata: { names: "{0: 'person'}", note: 'ünïcode ✓' },
    });
    const info = readOnnxInfo(bytes);
    expect(info).toEqual({
      irVersion: 9,
      opsetVersion: 18,
      producerName: 'maker',
      producerVersion: '2.1',
      metadata: { names: "{0: 'person'}", note: 'ünïcode ✓' },
      parameterCount: 3 + 16 * 27,
      inputs: [{ name: 'x', dims: ['batch', 3, 'h', 'w'], elemType: 1 }],
      outputs: [{ name: 'y', dims: [1, 84, 'n'], elemType: 1 }],
    });
  });

  it('leaves out graph inputs that are initializers (IR < 4 style)', () => {
    const bytes = buildOnnx({
      irVersion: 3,
      nodes: [{ opType: 'Reshape', inputs: ['images', 'shape'], outputs: ['output0'] }],
      inputs: [{ name: 'images', dims: [1, 3, 56, 56] }, { name: 'shape', dims: [3], elemType: 7 }],
      outputs: [{ name: 'output0', dims: [1, 84, 112] }],
      initializers: [int64Initializer('shape', [1, 84, 112])],
    });
    expect(readOnnxInfo(bytes).inputs.map((i) => i.name)).toEqual(['images']);
  });

  it('reads unpacked repeated dims (older writers emit one tag per value)', () => {
    // TensorProto with dims 2 and 5 as separate varint fields, inside graph.initializer.
    const tensor = [0x08, 0x02, 0x08, 0x05, 0x42, 0x01, 0x77]; // dims:2, dims:5, name:"w"
    const graph = [0x2a, tensor.length, ...tensor];
    const model = Uint8Array.from([0x08, 0x08, 0x3a, graph.length, ...graph, 0x42, 0x02, 0x10, 0x0d]);
    expect(readOnnxInfo(model).parameterCount).toBe(10);
  });
});

describe('readOnnxInfo refuses what is not ONNX with MODEL_INVALID', () => {
  const valid = identityModel([1, 3, 64, 64], { metadata: { names: "{0: 'person'}" } });

  it.each<[string, Uint8Array]>([
    ['empty', new Uint8Array(0)],
    ['zero bytes', new Uint8Array(1000)],
    ['0xFF bytes (endless varint)', new Uint8Array(64).fill(0xff)],
    ['text', new TextEncoder().encode('this is not a model, it is a text file\n')],
    ['PNG signature', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['length field claims 2 GB', Uint8Array.from([0x08, 0x08, 0x3a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00])],
    ['group wire type', Uint8Array.from([0x08, 0x08, 0x0b])],
    ['ir_version as a string', Uint8Array.from([0x0a, 0x01, 0x41, 0x3a, 0x00])],
    ['no graph', Uint8Array.from([0x08, 0x08, 0x42, 0x02, 0x10, 0x0d])],
    ['no ir_version', Uint8Array.from([0x3a, 0x00, 0x42, 0x02, 0x10, 0x0d])],
    ['no opset_import', Uint8Array.from([0x08, 0x08, 0x3a, 0x00])],
    ['implausible ir_version', Uint8Array.from([0x08, 0xe8, 0x07, 0x3a, 0x00, 0x42, 0x02, 0x10, 0x0d])],
  ])('%s', (_name, bytes) => {
    expectInvalid(bytes);
  });

  it('the smallest well-formed ModelProto parses (control for the cases above)', () => {
    const info = readOnnxInfo(Uint8Array.from([0x08, 0x08, 0x3a, 0x00, 0x42, 0x02, 0x10, 0x0d]));
    expect([info.irVersion, info.opsetVersion, info.inputs.length]).toEqual([8, 13, 0]);
  });

  it('every strict prefix of a valid model is refused', () => {
    // Without metadata the last field is opset_import, so every cut loses a required field or
    // splits one. (A cut between two metadata entries is a valid, shorter ModelProto: protobuf
    // cannot tell, and onnxruntime would load it too.)
    const plain = identityModel([1, 3, 64, 64]);
    for (let n = 0; n < plain.length; n++) expectInvalid(plain.subarray(0, n));
    expect(readOnnxInfo(plain).inputs[0]?.dims).toEqual([1, 3, 64, 64]);
  });

  it('random bytes and random corruptions never crash, hang or throw anything else', () => {
    const refusedCleanly = (err: unknown): boolean => err instanceof InferenceError && err.code === 'MODEL_INVALID';
    // fc.assert throws (with the shrunk counterexample) when a property returns false.
    expect(() =>
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
          try {
            readOnnxInfo(bytes);
          } catch (err) {
            return refusedCleanly(err);
          }
          return true;
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
    expect(() =>
      fc.assert(
        fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
          const copy = valid.slice();
          copy[at] = value;
          try {
            return typeof readOnnxInfo(copy).irVersion === 'number';
          } catch (err) {
            return refusedCleanly(err);
          }
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });

  it('a million random bytes are refused as MODEL_INVALID', () => {
    const big = new Uint8Array(1_000_000);
    let s = 7;
    for (let i = 0; i < big.length; i++) big[i] = (s = (s * 48271) % 2147483647) & 0xff;
    expectInvalid(big);
  });

  it('reshapeModel fixture counts its shape initializer as 3 parameters', () => {
    expect(readOnnxInfo(reshapeModel([1, 3, 56, 56], [1, 84, 112])).parameterCount).toBe(3);
  });
});

describe('metadata parsers', () => {
  it.each<[string, string | undefined, string[] | undefined]>([
    ['ultralytics dict', "{0: 'person', 1: 'bicycle'}", ['person', 'bicycle']],
    ['double quotes and escapes', '{0: "a \\"b\\"", 1: \'it\\\'s\'}', ['a "b"', "it's"]],
    ['JSON list', '["person","car"]', ['person', 'car']],
    ['gap in indices', "{0: 'a', 2: 'c'}", undefined],
    ['empty dict', '{}', undefined],
    ['not a dict', 'person,car', undefined],
    ['broken JSON list', '["a",', undefined],
    ['missing', undefined, undefined],
  ])('parseClassNames: %s', (_name, text, want) => {
    expect(parseClassNames(text)).toEqual(want);
  });

  it.each<[string | undefined, { width: number; height: number } | undefined]>([
    ['[640, 640]', { width: 640, height: 640 }],
    ['[384, 640]', { width: 640, height: 384 }],
    ['320', { width: 320, height: 320 }],
    ['[0, 640]', undefined],
    ['[1, 2, 3]', undefined],
    ['huge [100000, 100000]', undefined],
    [undefined, undefined],
  ])('parseImageSize(%s)', (text, want) => {
    expect(parseImageSize(text)).toEqual(want);
  });
});
