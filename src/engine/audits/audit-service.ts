/**
 * Count review (issue 13 part 4; README "Audits (count review)"): the next item to review, its
 * answer, the picture retention and precision / recall / F1 from the answers.
 *
 * Scoring, per camera and model version (one answer = one reviewed moment): the rules are in
 * audit-scoring.ts (shared with the experiments' audit truth). `not_a_person` / `wrong_direction`
 * are refused for a frame with no crossing (there is no count to be wrong).
 * precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R); null when a
 * denominator is 0. Stored (store=true) as a model_performance_metrics row (percent, camera_id
 * NULL as for the offline rows; the camera, period and counts in audit_metrics) and the version's
 * validation_precision / _recall / _f1 over all its cameras.
 */
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import { AppError } from '../../shared/result';
import type { AuditAnswer, AuditAnswerDto, AuditItemDto, AuditNextDto, AuditProgressDto, AuditReportDto, AuditReportRowDto } from '../../shared/requests-audits';
import { AUDIT_ANSWER_COUNTS_SQL, truthOfAnswers, type AnswerCounts } from './audit-scoring';
import { readAuditSettings } from './audit-settings';

const DAY_MS = 86_400_000;

interface ItemRow {
  id: number;
  camera_id: string;
  model_id: string | null;
  model_version: string;
  kind: 'crossing' | 'no_crossing';
  counting_event_id: string | null;
  direction: 'in' | 'out' | null;
  line_name: string | null;
  track_id: number | null;
  people: number;
  captured_at: string;
  picture: Buffer | null;
  picture_width: number | null;
  picture_height: number | null;
  expires_at: string;
  answer: AuditAnswer | null;
  answered_at: string | null;
  created_at: string;
}

export class AuditService {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly repos: Repositories,
  ) {}

  /**
   * Deletes pictures past their retention (expires_at, or older than the current
   * audit.retention_days when that was shortened), and all of them while auditing is off. The
   * answers stay. Returns the pictures deleted.
   */
  purge(now: Date = new Date()): number {
    const s = readAuditSettings(this.repos.settings);
    if (!s.enabled) return this.db.prepare('UPDATE audit_items SET picture = NULL WHERE picture IS NOT NULL').run().changes;
    const at = now.toISOString();
    const oldest = new Date(now.getTime() - s.retentionDays * DAY_MS).toISOString();
    return this.db.prepare('UPDATE audit_items SET picture = NULL WHERE picture IS NOT NULL AND (expires_at <= ? OR created_at <= ?)').run(at, oldest).changes;
  }

  private cameraName(id: string): string {
    return this.repos.cameras.get(id)?.name ?? id;
  }

  private toDto(r: ItemRow): AuditItemDto {
    return {
      id: r.id,
      cameraId: r.camera_id,
      camera: this.cameraName(r.camera_id),
      modelId: r.model_id,
      modelVersion: r.model_version,
      kind: r.kind,
      direction: r.direction,
      line: r.line_name,
      trackId: r.track_id,
      countingEventId: r.counting_event_id,
      people: r.people,
      capturedAt: r.captured_at,
      expiresAt: r.expires_at,
      picture: r.picture ? `data:image/jpeg;base64,${r.picture.toString('base64')}` : null,
      pictureWidth: r.picture_width,
      pictureHeight: r.picture_height,
      answer: r.answer,
      answeredAt: r.answered_at,
    };
  }

  progress(cameraId?: string): AuditProgressDto {
    const row = this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE answer IS NOT NULL) AS reviewed, count(*) FILTER (WHERE answer IS NULL AND picture IS NOT NULL) AS open
         FROM audit_items WHERE (@camera IS NULL OR camera_id = @camera)`,
      )
      .get({ camera: cameraId ?? null }) as { reviewed: number; open: number };
    return { reviewed: row.reviewed, open: row.open, total: row.reviewed + row.open };
  }

  /** The oldest unanswered item that still has its picture (after the retention pass). */
  next(o: { cameraId?: string; now?: Date; skip?: number[] } = {}): AuditNextDto {
    const purged = this.purge(o.now);
    const skip = JSON.stringify(o.skip ?? []);
    const row = this.db
      .prepare(
        `SELECT * FROM audit_items WHERE answer IS NULL AND picture IS NOT NULL AND (@camera IS NULL OR camera_id = @camera)
           AND id NOT IN (SELECT value FROM json_each(@skip)) ORDER BY captured_at, id LIMIT 1`,
      )
      .get({ camera: o.cameraId ?? null, skip }) as ItemRow | undefined;
    return { enabled: readAuditSettings(this.repos.settings).enabled, item: row ? this.toDto(row) : null, progress: this.progress(o.cameraId), purged };
  }

  get(id: number): AuditItemDto | null {
    const row = this.db.prepare('SELECT * FROM audit_items WHERE id = ?').get(id) as ItemRow | undefined;
    return row ? this.toDto(row) : null;
  }

  answer(id: number, answer: AuditAnswer, o: { userId?: number | null; now?: Date } = {}): AuditAnswerDto {
    const row = this.db.prepare('SELECT * FROM audit_items WHERE id = ?').get(id) as ItemRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `no audit item ${id}`);
    if (row.kind === 'no_crossing' && (answer === 'not_a_person' || answer === 'wrong_direction')) {
      throw new AppError('VALIDATION', `item ${id} is a frame with no count: answer right (nobody missed) or missed_one`);
    }
    // An answer may be corrected (a second answer replaces the first).
    this.db
      .prepare('UPDATE audit_items SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?')
      .run(answer, o.userId ?? null, (o.now ?? new Date()).toISOString(), id);
    return { item: this.get(id)!, progress: this.progress() };
  }

  report(o: { cameraId?: string; from?: string; to?: string; store?: boolean } = {}): AuditReportDto {
    const rows = this.db
      .prepare(
        `SELECT camera_id, model_id, model_version, ${AUDIT_ANSWER_COUNTS_SQL}
         FROM audit_items
         WHERE answer IS NOT NULL AND (@camera IS NULL OR camera_id = @camera)
           AND (@from IS NULL OR captured_at >= @from) AND (@to IS NULL OR captured_at < @to)
         GROUP BY camera_id, model_id, model_version ORDER BY camera_id, model_id, model_version`,
      )
      .all({ camera: o.cameraId ?? null, from: iso(o.from), to: iso(o.to) }) as Array<AnswerCounts & { camera_id: string; model_id: string | null; model_version: string }>;
    const out: AuditReportRowDto[] = rows.map((r) => {
      const { tp, fp, fn } = truthOfAnswers(r);
      return {
        cameraId: r.camera_id,
        camera: this.cameraName(r.camera_id),
        modelId: r.model_id,
        modelVersion: r.model_version,
        answers: r.answers,
        counts: { right: r.right, wrongDirection: r.wrong, notAPerson: r.nap, missedOne: r.missed_c + r.missed_e, confirmedEmpty: r.empty },
        truePositives: tp,
        falsePositives: fp,
        falseNegatives: fn,
        ...scores(tp, fp, fn),
        performanceMetricId: null,
      };
    });
    if (o.store) this.store(out, o);
    return { from: iso(o.from), to: iso(o.to), rows: out };
  }

  private store(rows: AuditReportRowDto[], o: { from?: string; to?: string }): void {
    const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 10000) / 100);
    const link = this.db.prepare(`INSERT INTO audit_metrics
      (performance_metric_id, model_id, model_version, camera_id, period_start, period_end, answers, true_positives, false_positives, false_negatives, confirmed_empty)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.repos.transaction(() => {
      const perVersion = new Map<string, { modelId: string; version: string; tp: number; fp: number; fn: number }>();
      for (const r of rows) {
        const metric = this.repos.performanceMetrics.record({
          modelId: r.modelId,
          modelVersion: r.modelVersion,
          precisionScore: pct(r.precision),
          recallScore: pct(r.recall),
          f1Score: pct(r.f1),
          detectionRate: pct(r.recall),
          falseNegativeRate: r.truePositives + r.falseNegatives > 0 ? pct(r.falseNegatives / (r.truePositives + r.falseNegatives)) : null,
        });
        r.performanceMetricId = metric.id;
        link.run(metric.id, r.modelId, r.modelVersion, r.cameraId, iso(o.from), iso(o.to), r.answers, r.truePositives, r.falsePositives, r.falseNegatives, r.counts.confirmedEmpty);
        if (r.modelId) {
          const k = `${r.modelId}\u0000${r.modelVersion}`;
          const v = perVersion.get(k) ?? { modelId: r.modelId, version: r.modelVersion, tp: 0, fp: 0, fn: 0 };
          v.tp += r.truePositives;
          v.fp += r.falsePositives;
          v.fn += r.falseNegatives;
          perVersion.set(k, v);
        }
      }
      for (const v of perVersion.values()) {
        const version = this.repos.modelVersions.find(v.modelId, v.version);
        if (!version) continue;
        const s = scores(v.tp, v.fp, v.fn);
        this.repos.modelVersions.update(version.id, { validationPrecision: pct(s.precision), validationRecall: pct(s.recall), validationF1: pct(s.f1) });
      }
    });
  }
}

export function scores(tp: number, fp: number, fn: number): { precision: number | null; recall: number | null; f1: number | null } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = tp + fn > 0 ? tp / (tp + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : precision !== null && recall !== null ? 0 : null;
  return { precision, recall, f1 };
}

function iso(v: string | undefined): string | null {
  return v === undefined ? null : new Date(v).toISOString();
}
