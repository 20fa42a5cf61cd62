import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { SqliteDatabase } from '../db/open-database';
import { AiModelsRepository } from '../db/repositories/ai-models-repository';
import { ModelVersionsRepository } from '../db/repositories/model-versions-repository';
import type { DetectorInfo } from '../inference/person-detector';
import { DEFAULT_MODEL_SHA256 } from '../paths';
import type { ModelRef } from '../pipeline/frame-processor';

const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

function slug(text: string): string {
  return text.toLowerCase().replace(/\.onnx$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'model';
}

/**
 * Every stored inference names the model version that produced it, so a model must be in the
 * registry before it counts. A file already known by its sha256 maps to its existing version;
 * an unknown one is registered (the default model goes straight to production on first start).
 */
export function ensureModelRegistered(db: SqliteDatabase, info: DetectorInfo): ModelRef {
  const known = db
    .prepare('SELECT model_id, version_number FROM model_versions WHERE model_file_checksum = ? ORDER BY id LIMIT 1')
    .get(info.sha256) as { model_id: string; version_number: string } | undefined;
  if (known) return { modelId: known.model_id, versionNumber: known.version_number };

  const models = new AiModelsRepository(db);
  const versions = new ModelVersionsRepository(db);
  const isDefault = info.sha256 === DEFAULT_MODEL_SHA256;
  const meta = info.onnx?.metadata ?? {};
  const name = basename(info.path);
  const baseId = isDefault ? 'yolov8n-coco' : `${slug(name)}-${info.sha256.slice(0, 8)}`;
  const versionNumber = isDefault ? '8.0.0' : SEMVER.test(meta.version ?? '') ? meta.version! : '1.0.0';
  const sizeMb = Math.round((statSync(info.path).size / 1048576) * 100) / 100;
  const licence = (meta.license ?? meta.licence ?? '').slice(0, 100) || null;
  const config = {
    input: { name: info.inputName, width: info.inputWidth, height: info.inputHeight },
    output: { name: info.outputName, layout: info.layout, classes: info.numClasses },
    classNames: info.classNames,
    opset: info.onnx?.opsetVersion ?? null,
    producer: info.onnx ? `${info.onnx.producerName} ${info.onnx.producerVersion}`.trim() : null,
    metadata: meta,
  };
  const register = db.transaction((): ModelRef => {
    const existing = models.get(baseId);
    const modelId = existing ? `${baseId}-${info.sha256.slice(0, 12)}` : baseId;
    models.create({
      modelId,
      modelName: isDefault ? 'YOLOv8n (COCO) person detector' : name,
      modelType: 'detection',
      modelDescription: meta.description ?? (isDefault ? 'Default model shipped with Footfall' : null),
      modelVersion: versionNumber,
      modelFramework: 'onnx',
      modelFormat: 'onnx',
      modelConfig: config,
      modelParameters: info.onnx?.parameterCount ?? null,
      modelSizeMb: sizeMb,
      isActive: true,
      isProduction: isDefault,
      deploymentStatus: isDefault ? 'production' : 'development',
      modelPath: info.path,
      modelChecksum: info.sha256,
      licence,
    });
    versions.create({
      modelId,
      versionNumber,
      versionDescription: isDefault ? 'Ultralytics YOLOv8n exported to ONNX' : `Imported from ${name}`,
      modelFilePath: info.path,
      modelFileSizeMb: sizeMb,
      modelFileChecksum: info.sha256,
      trainingDataset: isDefault ? 'COCO 2017' : null,
      deploymentStatus: isDefault ? 'deployed' : 'not_deployed',
      deploymentEnvironment: isDefault ? 'production' : null,
      deploymentTimestamp: isDefault ? new Date().toISOString() : null,
    });
    return { modelId, versionNumber };
  });
  return register();
}
