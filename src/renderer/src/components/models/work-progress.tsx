import { useEffect, useState } from 'react';
import type { ModelWorkProgressDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { formatInt, formatPercent } from '../../format';
import { t } from '../../i18n';

/** Often enough that a bar moves smoothly, rarely enough to cost the engine nothing. */
const POLL_MS = 300;

/** A fresh id for one import or evaluation, sent with the request and then asked about. */
export function newProgressId(): string {
  return crypto.randomUUID();
}

/**
 * What the engine says about the job started with `progressId` (`models:progress`), asked every
 * POLL_MS while `active`. The job's own request is still running meanwhile; the engine answers
 * other requests between frames and steps, so these small ones come back at once.
 */
export function useWorkProgress(progressId: string | null, active: boolean): ModelWorkProgressDto | null {
  const [progress, setProgress] = useState<ModelWorkProgressDto | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!progressId || !active) return;
    let stopped = false;
    const ask = async () => {
      const r = await getApi().models.progress({ progressId });
      if (!stopped && r.ok && r.value.progress) setProgress(r.value.progress);
    };
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [progressId, active]);
  return progress;
}

/** The share done, 0–1, where the engine knows how much there is; null for "busy, amount unknown". */
export function progressFraction(p: ModelWorkProgressDto | null): number | null {
  if (!p || p.done === null || p.total === null || p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}

function stageText(p: ModelWorkProgressDto | null): string {
  const m = t().models.progress;
  if (!p || p.stage === 'starting' || p.stage === 'done' || p.stage === 'failed') return m.starting;
  const name = (p.work === 'import' ? m.importStage[p.stage] : m.evaluateStage[p.stage]) ?? m.starting;
  if (p.unit === 'steps' && p.done !== null && p.total !== null) return m.step(name, formatInt(Math.min(p.done + 1, p.total)), formatInt(p.total));
  return name;
}

function countText(p: ModelWorkProgressDto | null): string {
  if (!p || p.unit !== 'frames' || p.stage !== 'evaluating' || p.done === null) return '';
  const m = t().models.progress;
  const fraction = progressFraction(p);
  return fraction === null ? m.framesNoTotal(p.done, formatInt(p.done)) : m.frames(formatInt(p.done), formatInt(p.total), formatPercent(Math.floor(fraction * 100)));
}

/**
 * The job's progress as a native <progress> (determinate when the engine knows the amount, else
 * the busy animation) with its stage in words. Only the stage is a live region: a frame count
 * that changes three times a second would drown a screen reader; the bar's value carries it.
 */
export function WorkProgressBar({ work, progress }: { work: ModelWorkProgressDto['work']; progress: ModelWorkProgressDto | null }) {
  const m = t().models.progress;
  const fraction = progressFraction(progress);
  const counts = countText(progress);
  return (
    <div className="busy work-progress" data-testid="work-progress" data-stage={progress?.stage ?? 'starting'} data-done={progress?.done ?? ''} data-total={progress?.total ?? ''}>
      {fraction === null ? (
        <progress className="busy-bar" aria-label={work === 'import' ? m.importName : m.evaluateName} />
      ) : (
        <progress className="busy-bar" aria-label={work === 'import' ? m.importName : m.evaluateName} value={fraction} max={1} />
      )}
      <span role="status">{stageText(progress)}</span>
      {counts ? <span className="muted small">{counts}</span> : null}
    </div>
  );
}
