import type { JsonValue } from '../db/json-column';
import type { DetectorInfo } from '../inference/person-detector';

/** ai_models.model_size_mb / model_versions.model_file_size_mb: MiB with two decimals (DECIMAL(8,2)). */
export function sizeMb(bytes: number): number {
  return Math.round((bytes / 1048576) * 100) / 100;
}

/**
 * The framework the model was trained with, from the exporter that wrote the ONNX file
 * (model_format is always 'onnx'; the seed separates the two).
 */
export function frameworkOf(info: DetectorInfo): string {
  const producer = (info.onnx?.producerName ?? '').toLowerCase();
  if (producer.includes('pytorch') || producer.includes('torch')) return 'pytorch';
  if (producer.includes('tf2onnx') || producer.includes('tensorflow') || producer.includes('keras')) return 'tensorflow';
  if (producer.includes('paddle')) return 'paddlepaddle';
  return 'onnx';
}

export function licenceOf(info: DetectorInfo): string | null {
  const meta = info.onnx?.metadata ?? {};
  return (meta.license ?? meta.licence ?? '').slice(0, 100) || null;
}

/** Everything the file says about itself, for ai_models.model_config and the store's metadata. */
export function modelConfigOf(info: DetectorInfo, extra: { [key: string]: JsonValue } = {}): { [key: string]: JsonValue } {
  const onnx = info.onnx;
  return {
    input: {
      name: info.inputName,
      width: info.inputWidth,
      height: info.inputHeight,
      shape: onnx?.inputs[0]?.dims ?? [1, 3, info.inputHeight, info.inputWidth],
    },
    output: { name: info.outputName, layout: info.layout, classes: info.numClasses, shape: onnx?.outputs[0]?.dims ?? null },
    inputs: onnx ? onnx.inputs.map((v) => ({ name: v.name, dims: v.dims, elemType: v.elemType })) : [],
    outputs: onnx ? onnx.outputs.map((v) => ({ name: v.name, dims: v.dims, elemType: v.elemType })) : [],
    classNames: info.classNames,
    irVersion: onnx?.irVersion ?? null,
    opset: onnx?.opsetVersion ?? null,
    producer: onnx ? { name: onnx.producerName, version: onnx.producerVersion } : null,
    metadata: onnx?.metadata ?? {},
    ...extra,
  };
}
