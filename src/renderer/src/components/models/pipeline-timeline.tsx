import type { PipelineDto, PipelineStageDto } from '../../../../shared/dto-models';
import { DASH, formatDateTimeSeconds, formatElapsed, formatTimeSeconds } from '../../format';
import { t } from '../../i18n';
import { EmptyState } from '../empty-state';
import { StateBadge } from '../state-badge';
import { scopeLabel } from './model-types';
import { DetailSection } from './detail-section';

const SHOWN = 5;

const MAX_VALUE = 28;

function shortValue(v: number | string | boolean): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  const text = String(v);
  // Paths keep their file name, hashes their start: enough to recognise them.
  if (text.length <= MAX_VALUE) return text;
  const base = text.split(/[\\/]/).pop() ?? text;
  return base.length <= MAX_VALUE ? `…/${base}` : `${text.slice(0, 12)}…`;
}

/** Shown elsewhere in the panel (the checksum column), so not repeated per stage. */
const HIDDEN_FINDINGS = new Set(['sha256']);

/** A stage's findings (latency, agreement, sample frame…) as short "key: value" lines; nested data is left out. */
function summary(details: unknown): string[] {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>)
    .filter((e): e is [string, number | string | boolean] => typeof e[1] === 'number' || typeof e[1] === 'string' || typeof e[1] === 'boolean')
    .filter(([k]) => !HIDDEN_FINDINGS.has(k))
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${shortValue(v)}`);
}

function Stage({ stage }: { stage: PipelineStageDto }) {
  const findings = summary(stage.details);
  const took = formatElapsed(stage.startedAt, stage.completedAt);
  const m = t().models.pipelines;
  return (
    <li className={`timeline-stage timeline-${stage.status}`}>
      <span className="timeline-marker" aria-hidden="true" />
      <div className="timeline-body">
        <div className="timeline-line">
          <span className="timeline-name">{t().models.stage[stage.stage]}</span>
          <StateBadge state={stage.status} />
        </div>
        <div className="muted small">
          {stage.startedAt ? (
            <time dateTime={stage.startedAt} title={formatDateTimeSeconds(stage.startedAt)}>
              {formatTimeSeconds(stage.startedAt)}
            </time>
          ) : (
            m.notStarted
          )}
          {took ? m.took(took) : stage.startedAt && !stage.completedAt ? m.running : ''}
        </div>
        {findings.length > 0 ? (
          <ul className="timeline-findings small">
            {findings.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ) : null}
        {stage.error ? (
          <div className="field-error small">
            <code>{stage.error.code}</code> {stage.error.message}
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** Each promotion of a version: its stages in order with their times, newest pipeline first. */
export function PipelineTimeline({ pipelines }: { pipelines: PipelineDto[] }) {
  const sorted = [...pipelines].sort((a, b) => (b.startedAt ?? b.createdAt).localeCompare(a.startedAt ?? a.createdAt)).slice(0, SHOWN);
  const m = t().models.pipelines;
  return (
    <DetailSection titleId="pipelines-title" title={m.title}>
      {sorted.length === 0 ? (
        <EmptyState title={m.emptyTitle}>{m.emptyHint}</EmptyState>
      ) : (
        <div className="pipelines">
          {sorted.map((p) => (
            <article key={p.pipelineId} className="pipeline" aria-label={m.pipelineFor(p.versionNumber, scopeLabel(p.cameraId))}>
              <header className="pipeline-header">
                <strong>{m.version(p.versionNumber)}</strong>
                <span className="muted">{scopeLabel(p.cameraId)}</span>
                <StateBadge state={p.pipelineStatus} />
                <span className="muted small">
                  {formatDateTimeSeconds(p.startedAt ?? p.createdAt)}
                  {p.completedAt ? ` → ${formatDateTimeSeconds(p.completedAt)}` : ''}
                </span>
              </header>
              <ol className="timeline">
                {p.stages.map((s) => (
                  <Stage key={s.stage} stage={s} />
                ))}
              </ol>
              {p.rollbackReason ? (
                <p className="small">
                  {p.rollbackVersion ? m.rolledBackTo(p.rollbackVersion) : m.rolledBack}: “{p.rollbackReason}”
                </p>
              ) : p.rollbackVersion && p.canRollback ? (
                <p className="muted small">{m.wouldReturn(p.rollbackVersion ?? DASH)}</p>
              ) : null}
            </article>
          ))}
        </div>
      )}
    </DetailSection>
  );
}
