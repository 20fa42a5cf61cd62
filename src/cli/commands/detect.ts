import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../engine/db/open-database';
import { openMigratedDatabase } from '../../engine/db/open-migrated-database';
import { loadImageRgb } from '../../engine/inference/image-loader';
import { PersonDetector } from '../../engine/inference/person-detector';
import { defaultModelPath } from '../../engine/paths';
import { ensureModelRegistered } from '../../engine/registry/ensure-model';
import { xyxyToXywh } from '../../engine/vision/box';
import { action, CliError, printResult } from '../output';

interface DetectOptions {
  image: string;
  model?: string;
  db?: string;
  json?: boolean;
}

/** `--model` is a file path, or the id of a registered model version (needs --db). */
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
    .option('--model <file|versionId>', 'ONNX model file or registered model version id')
    .option('--db <file>', 'register the model in this database (and resolve version ids)')
    .option('--json', 'JSON output')
    .action(
      action(async (opts: DetectOptions) => {
        const modelPath = resolveModel(opts.model, opts.db);
        const image = await loadImageRgb(opts.image);
        const detector = await PersonDetector.load(modelPath);
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
              ...(registered ?? {}),
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
