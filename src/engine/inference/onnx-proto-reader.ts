import { InferenceError } from './errors';

/**
 * A tiny, bounds-checked reader for the parts of an ONNX ModelProto the app needs (model
 * registry facts, class names, input/output shapes). onnxruntime-node does not expose custom
 * metadata_props, and a full protobuf library plus onnx.proto would be a large dependency for
 * a dozen fields.
 *
 * Robustness: every length and varint is checked against the bytes that remain, the walk only
 * descends a fixed set of known messages (no unbounded recursion), and large fields (node
 * lists, raw tensor data) are skipped by length, so any input — truncated, random, empty —
 * ends in an InferenceError('MODEL_INVALID') in time linear in its size.
 */

export interface OnnxValueInfo {
  name: string;
  /** Numbers for fixed dimensions, strings for symbolic ones, null where neither is given. */
  dims: Array<number | string | null>;
  /** ONNX TensorProto.DataType (1 = float32); 0 when the value is not a tensor. */
  elemType: number;
}

export interface OnnxInfo {
  irVersion: number;
  /** Version of the default ("" or "ai.onnx") operator set; 0 when absent. */
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  metadata: Record<string, string>;
  /** Sum over initializers of the product of their dims. */
  parameterCount: number;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

/** Highest IR version worth believing; ONNX is at 11 in 2025, leave headroom. */
const MAX_IR_VERSION = 100;

class ParseError extends Error {}

/** One protobuf message: a view of bytes [start, end) read field by field. */
class Cursor {
  pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ParseError(`varint runs past the end at byte ${this.pos}`);
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ParseError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** int64 / int32 fields: protobuf stores negatives as 10-byte two's complement. */
  int(): number {
    return Number(BigInt.asIntN(64, this.varint()));
  }

  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0 || field > 536_870_911) throw new ParseError(`invalid field number ${field} at byte ${this.pos}`);
    return { field, wire };
  }

  /** The extent of a length-delimited field, checked against the enclosing message. */
  sub(): Cursor {
    const len = this.varint();
    if (len > BigInt(this.end - this.pos)) {
      throw new ParseError(`field of ${len} bytes at byte ${this.pos} runs past the end (${this.end - this.pos} left)`);
    }
    const start = this.pos;
    this.pos += Number(len);
    return new Cursor(this.buf, start, this.pos);
  }

  string(): string {
    const c = this.sub();
    return decoder.decode(this.buf.subarray(c.pos, c.end));
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.sub();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        // Groups (3, 4) are not used by onnx.proto; 6 and 7 do not exist.
        throw new ParseError(`unsupported wire type ${wire} at byte ${this.pos}`);
    }
  }

  private advance(n: number): void {
    if (this.end - this.pos < n) throw new ParseError(`fixed-size field runs past the end at byte ${this.pos}`);
    this.pos += n;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function expectWire(actual: number, wanted: number, what: string): void {
  if (actual !== wanted) throw new ParseError(`${what}: wire type ${actual}, expected ${wanted}`);
}

/** Read a message's fields, dispatching known ones to `on` and skipping everything else. */
function walk(c: Cursor, on: (field: number, wire: number, c: Cursor) => boolean): void {
  while (!c.done) {
    const { field, wire } = c.tag();
    if (!on(field, wire, c)) c.skip(wire);
  }
}

/** Repeated int64 that may be packed (proto3 default) or one tag per value (older writers). */
function readInts(field: { wire: number }, c: Cursor, into: number[]): void {
  if (field.wire === WIRE_LEN) {
    const packed = c.sub();
    while (!packed.done) into.push(packed.int());
  } else {
    expectWire(field.wire, WIRE_VARINT, 'repeated int64');
    into.push(c.int());
  }
}

function readValueInfo(c: Cursor): OnnxValueInfo {
  const info: OnnxValueInfo = { name: '', dims: [], elemType: 0 };
  walk(c, (field, wire, m) => {
    if (field === 1 && wire === WIRE_LEN) info.name = m.string();
    else if (field === 2 && wire === WIRE_LEN) {
      // TypeProto: only tensor_type (1) is a detector input or output.
      walk(m.sub(), (tf, tw, t) => {
        if (tf !== 1 || tw !== WIRE_LEN) return false;
        walk(t.sub(), (f, w, tensor) => {
          if (f === 1 && w === WIRE_VARINT) info.elemType = tensor.int();
          else if (f === 2 && w === WIRE_LEN) {
            walk(tensor.sub(), (sf, sw, shape) => {
              if (sf !== 1 || sw !== WIRE_LEN) return false;
              let dim: number | string | null = null;
              walk(shape.sub(), (df, dw, d) => {
                if (df === 1 && dw === WIRE_VARINT) dim = d.int();
                else if (df === 2 && dw === WIRE_LEN) dim = d.string();
                else return false;
                return true;
              });
              info.dims.push(dim);
              return true;
            });
          } else return false;
          return true;
        });
        return true;
      });
    } else return false;
    return true;
  });
  return info;
}

interface Initializer {
  name: string;
  dims: number[];
}

function readTensorHeader(c: Cursor): Initializer {
  const t: Initializer = { name: '', dims: [] };
  walk(c, (field, wire, m) => {
    if (field === 1) readInts({ wire }, m, t.dims);
    else if (field === 8 && wire === WIRE_LEN) t.name = m.string();
    else return false;
    return true;
  });
  return t;
}

function elementCount(dims: number[]): number {
  let n = 1;
  for (const d of dims) {
    if (d < 0) throw new ParseError(`initializer with negative dimension ${d}`);
    n *= d;
  }
  return n;
}

function parse(bytes: Uint8Array): OnnxInfo {
  const info: OnnxInfo = {
    irVersion: 0,
    opsetVersion: 0,
    producerName: '',
    producerVersion: '',
    metadata: {},
    parameterCount: 0,
    inputs: [],
    outputs: [],
  };
  let sawGraph = false;
  let sawIr = false;
  let opsets = 0;
  const initializerNames = new Set<string>();
  const rawInputs: OnnxValueInfo[] = [];

  walk(new Cursor(bytes, 0, bytes.length), (field, wire, c) => {
    switch (field) {
      case 1:
        expectWire(wire, WIRE_VARINT, 'ir_version');
        info.irVersion = c.int();
        sawIr = true;
        return true;
      case 2:
        expectWire(wire, WIRE_LEN, 'producer_name');
        info.producerName = c.string();
        return true;
      case 3:
        expectWire(wire, WIRE_LEN, 'producer_version');
        info.producerVersion = c.string();
        return true;
      case 7:
        expectWire(wire, WIRE_LEN, 'graph');
        sawGraph = true;
        walk(c.sub(), (gf, gw, g) => {
          if (gw !== WIRE_LEN) return false;
          if (gf === 5 || gf === 15) {
            // initializer (TensorProto) or sparse_initializer (SparseTensorProto: dims = 3)
            const t = gf === 5 ? readTensorHeader(g.sub()) : readSparseHeader(g.sub());
            info.parameterCount += elementCount(t.dims);
            initializerNames.add(t.name);
          } else if (gf === 11) rawInputs.push(readValueInfo(g.sub()));
          else if (gf === 12) info.outputs.push(readValueInfo(g.sub()));
          else return false;
          return true;
        });
        return true;
      case 8: {
        expectWire(wire, WIRE_LEN, 'opset_import');
        let domain = '';
        let version = 0;
        walk(c.sub(), (of, ow, o) => {
          if (of === 1 && ow === WIRE_LEN) domain = o.string();
          else if (of === 2 && ow === WIRE_VARINT) version = o.int();
          else return false;
          return true;
        });
        opsets++;
        if (domain === '' || domain === 'ai.onnx') info.opsetVersion = version;
        return true;
      }
      case 14: {
        expectWire(wire, WIRE_LEN, 'metadata_props');
        let key = '';
        let value = '';
        walk(c.sub(), (kf, kw, k) => {
          if (kf === 1 && kw === WIRE_LEN) key = k.string();
          else if (kf === 2 && kw === WIRE_LEN) value = k.string();
          else return false;
          return true;
        });
        info.metadata[key] = value;
        return true;
      }
      default:
        return false;
    }
  });

  if (!sawIr || info.irVersion < 1 || info.irVersion > MAX_IR_VERSION) {
    throw new ParseError(sawIr ? `implausible ir_version ${info.irVersion}` : 'no ir_version field');
  }
  if (!sawGraph) throw new ParseError('no graph');
  // The spec requires at least one opset_import; it also catches files cut off after the graph.
  if (opsets === 0) throw new ParseError('no opset_import');
  // IR < 4 lists initializers among graph inputs; they are weights, not things to feed.
  info.inputs = rawInputs.filter((i) => !initializerNames.has(i.name));
  return info;
}

function readSparseHeader(c: Cursor): Initializer {
  const t: Initializer = { name: '', dims: [] };
  walk(c, (field, wire, m) => {
    if (field === 3) readInts({ wire }, m, t.dims);
    else if (field === 1 && wire === WIRE_LEN) t.name = readTensorHeader(m.sub()).name;
    else return false;
    return true;
  });
  return t;
}

/**
 * Facts about an ONNX model read straight from its bytes: IR and opset versions, producer,
 * metadata_props (Ultralytics stores `names`, `stride`, `imgsz`, `license` there), parameter
 * count and graph inputs/outputs. Throws InferenceError('MODEL_INVALID') for anything that is
 * not a well-formed ModelProto.
 */
export function readOnnxInfo(bytes: Uint8Array): OnnxInfo {
  if (bytes.length === 0) throw new InferenceError('MODEL_INVALID', 'Not an ONNX model: the file is empty');
  try {
    return parse(bytes);
  } catch (err) {
    if (err instanceof ParseError) {
      throw new InferenceError('MODEL_INVALID', `Not an ONNX model or corrupt: ${err.message}`, { cause: err });
    }
    throw err;
  }
}
