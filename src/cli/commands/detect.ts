import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../engine/db/open-database';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import { DEFAULT_DECODE } from '../../engine/inference/decode';
import { loadImageRgb } from '../../engine/inference/image-loader';
import { PersonDetector } from '../../engine/inference/person-detector';
import { defaultModelPath } from '../../engine/paths';
import { ensureModelRegistered } from '../../engine/registry/ensure-model';
import { xyxyToXywh } from '../../engine/vision/box';
import { loadModelRef } from '../model-option';
import { action, CliError, printResult } from '../output';

interface DetectOptions {
  image: string;
  model?: string;
  db?: string;
  json?: boolean;
}

/** `--model` is a file path, or the numeric id of a registered model version (needs --db); refs are loaded by loadModelRef. */
function resolveModel(model: string | undefined, dbPath: string | undefined): string {
  if (!model) return defaultModelPath();
  if (/^\d+$/.test(model) && !existsSync(model)) {
    if (!dbPath || !existsSync(dbPath)) throw new CliError('MODEL_NOT_FOUND', `model version ${model} needs an existing --db`);
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const row = db.prepare('SELECT model_file_path FROM model_versions WHERE id = ?').get(Number(model)) as
        | { model_file_path: string | null }
        | undefined;
      if (!row?.model_file_path) throw new CliError('MODEL_NOT_FOUND', `no model version ${model} with a file in ${dbPath}`);
      return row.model_file_path;
    } finally {
      db.close();
    }
  }
  return model;
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('detect people in one image')
    .requiredOption('--image <file>', 'image file (jpg, png, anything ffmpeg decodes)')
    .option('--model <file|ref|versionId>', 'ONNX model file, or a registered version: MODEL_ID@VERSION (or its numeric id) in --db')
    .option('--db <file>', 'register the model in this database (and resolve version ids)')
    .option('--json', 'JSON output')
    .action(
      action(async (opts: DetectOptions) => {
        // A ref is loaded verified from the registry, with detect's usual default threshold
        // (a version that carries its own threshold keeps it).
        const fromRef = await loadModelRef(opts.model, opts.db, { defaultConfThreshold: DEFAULT_DECODE.confThreshold });
        const image = await loadImageRgb(opts.image);
        const detector = fromRef?.detector ?? (await PersonDetector.load(resolveModel(opts.model, opts.db)));
        try {
          await detector.warmup();
          const { detections, ms } = await detector.detect(image);
          let registered: { modelId: string; versionNumber: string } | null = null;
          if (opts.db) {
            const db = openMigratedDatabase(opts.db);
            try {
              registered = ensureModelRegistered(db, detector.info);
            } finally {
              db.close();
            }
          }
          const list: Array<{ class: string; confidence: number; bbox: number[] }> = [];
          for (let i = 0; i < detections.length; i++) {
            const cls = detections.classId[i]!;
            list.push({
              class: detector.info.classNames[cls] ?? `class_${cls}`,
              confidence: Math.round(detections.confidence[i]! * 1000) / 1000,
              bbox: xyxyToXywh(detections.xyxy, i).map(Math.round),
            });
          }
          const out = {
            model: {
              path: detector.info.path,
              sha256: detector.info.sha256,
              input: [detector.info.inputWidth, detector.info.inputHeight],
              layout: detector.info.layout,
              provider: detector.info.provider,
              providerReason: detector.info.providerReason,
              confThreshold: detector.info.confThreshold,
              ...(registered ?? {}),
              ...(registered ? { ref: `${registered.modelId}@${registered.versionNumber}` } : {}),
            },
            image: { path: opts.image, width: image.width, height: image.height },
            ms: Math.round(ms.total * 10) / 10,
            detections: list,
          };
          printResult(!!opts.json, out, () =>
            [`${list.length} detection(s) in ${out.ms} ms (${detector.info.provider})`, ...list.map((d) => `  ${d.class} ${d.confidence} [${d.bbox.join(', ')}]`)].join('\n'),
          );
        } finally {
          await detector.dispose();
        }
      }),
    );
}
