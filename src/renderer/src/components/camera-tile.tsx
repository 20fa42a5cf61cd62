import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CameraDto, LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from '../../../shared/dto';
import { formatDateTime, formatDecimal, formatInt } from '../format';
import { t } from '../i18n';
import { isOffline, useLive } from '../stores/live';
import { useCanRequest } from '../stores/session';
import { cameraStateLabel, reasonWords } from './cameras/camera-words';
import { DriftAlertBadge } from './drift-alert-badge';
import { LiveLineEditor } from './live-line-editor';
import { ModalDialog } from './modal-dialog';
import { StateBadge } from './state-badge';
import { VideoOverlay } from './video-overlay';

/** No picture or boxes for this long from a camera that says it is live: the tile says "stale". */
export const STALE_AFTER_MS = 3000;
/** A line that counted is drawn bright for this long. */
const FLASH_MS = 1200;

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The local calendar day, as the engine stamps `today.day`. */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today's in/out (zero once the engine's day is over), else the running totals of an older engine. */
function todayFigures(counts: LiveCountsEvent | undefined, now: number): { in: number | undefined; out: number | undefined } {
  if (!counts) return { in: undefined, out: undefined };
  if (!counts.today) return { in: counts.in, out: counts.out };
  return counts.today.day === localDay(now) ? { in: counts.today.in, out: counts.today.out } : { in: 0, out: 0 };
}

/** Ids of the lines whose totals rose in the last FLASH_MS. */
function useFlashingLines(counts: LiveCountsEvent | undefined): ReadonlySet<number> {
  const previous = useRef<Map<number, number> | null>(null);
  const [flashing, setFlashing] = useState<ReadonlySet<number>>(() => new Set());
  useEffect(() => {
    if (!counts?.lines) return;
    const next = new Map<number, number>();
    const rose: number[] = [];
    for (const l of counts.lines) {
      if (l.lineId === null) continue;
      next.set(l.lineId, l.in + l.out);
      const before = previous.current?.get(l.lineId);
      if (before !== undefined && l.in + l.out > before) rose.push(l.lineId);
    }
    previous.current = next;
    if (rose.length === 0) return;
    setFlashing((s) => new Set([...s, ...rose]));
    const timer = setTimeout(() => setFlashing((s) => new Set([...s].filter((id) => !rose.includes(id)))), FLASH_MS);
    return () => clearTimeout(timer);
  }, [counts]);
  return flashing;
}

/** `word` is the badge's word key: the camera's state, or this page's own (disabled, offline, stale). */
type TileState = { state: string; word: string; why?: string };

/** What the badge says: the camera's own state, unless this page has stopped hearing from it. */
function tileState(camera: CameraDto, o: { offline: boolean; health?: { state: string }; receivedAt?: number; now: number }): TileState {
  const m = t().live.tile;
  if (!camera.enabled) return { state: 'stopped', word: 'disabled' };
  if (o.offline) return { state: 'failed', word: 'offline', why: m.offline };
  const state = o.health?.state ?? 'connecting';
  if (state === 'live' && (o.receivedAt === undefined || o.now - o.receivedAt > STALE_AFTER_MS)) {
    return { state: 'stalled', word: 'stale', why: m.stale(formatInt(Math.round(STALE_AFTER_MS / 1000))) };
  }
  return { state, word: state };
}

/** One camera on the Live page: state, picture with tracked boxes, and today's counts. */
export function CameraTile({ camera }: { camera: CameraDto }) {
  const counts = useLive((s) => s.counts[camera.cameraId]);
  const frame = useLive((s) => s.frames[camera.cameraId]);
  const preview = useLive((s) => s.previews[camera.cameraId]);
  const health = useLive((s) => s.health[camera.cameraId]);
  const receivedAt = useLive((s) => s.receivedAt[camera.cameraId]);
  const offline = useLive((s) => isOffline(s.engine));
  const now = useNow(1000);
  const flashing = useFlashingLines(counts);
  const [enlarged, setEnlarged] = useState(false);
  const headingId = `tile-${camera.cameraId}`;
  // "Stale" needs a moment without data: checked each second, and at once on each event.
  const shown = tileState(camera, { offline, health, receivedAt, now: Math.max(now, receivedAt ?? 0) });
  const showReason = !shown.why && health?.reason && shown.state !== 'live' && camera.enabled;
  const today = todayFigures(counts, now);
  const model = preview?.model ?? null;
  const m = t().live.tile;

  const view = (large: boolean) => (
    <VideoOverlay
      cameraName={camera.name}
      preview={preview}
      frame={frame}
      lines={camera.lines}
      zones={camera.zones}
      flashing={flashing}
      className={large ? 'video-overlay-large' : undefined}
      onClick={large ? undefined : () => setEnlarged(true)}
    />
  );
  const figures = (
    <dl className="figures">
      <div>
        <dt>{m.inToday}</dt>
        <dd className={`figure-in${flashing.size > 0 ? ' figure-flash' : ''}`}>{formatInt(today.in)}</dd>
      </div>
      <div>
        <dt>{m.outToday}</dt>
        <dd className={`figure-out${flashing.size > 0 ? ' figure-flash' : ''}`}>{formatInt(today.out)}</dd>
      </div>
      <div>
        <dt>{m.inside}</dt>
        <dd>{formatInt(counts?.occupancy)}</dd>
      </div>
    </dl>
  );

  return (
    <article className={`card tile${shown.word === 'offline' || shown.word === 'stale' ? ' tile-stale' : ''}`} aria-labelledby={headingId} data-camera-id={camera.cameraId}>
      <header className="tile-header">
        <h2 id={headingId}>{camera.name}</h2>
        <span role="status" className="tile-state">
          <StateBadge state={shown.state} label={cameraStateLabel(shown.word)} />
        </span>
      </header>
      {shown.why ? <p className="tile-reason small">{shown.why}</p> : showReason ? <p className="tile-reason small">{reasonWords(health.reason)}</p> : null}
      <DriftAlertBadge cameraId={camera.cameraId} />
      <div className="tile-view">
        {view(false)}
        <button type="button" className="tile-enlarge" onClick={() => setEnlarged(true)} aria-label={m.enlarge(camera.name)} title={m.largerView}>
          ⤢
        </button>
      </div>
      {figures}
      <p className="muted small tile-foot">
        <span data-testid="tile-model">{model ? m.model(model.modelId, model.versionNumber) : m.modelNotRunning}</span>
        {health?.processedFps !== null && health?.processedFps !== undefined ? <span className="nowrap">{m.fpsProcessed(formatDecimal(health.processedFps))}</span> : null}
      </p>
      <p className="muted small tile-foot">
        <span>{counts ? m.updated(formatDateTime(counts.at)) : m.noCounts}</span>
      </p>
      {enlarged ? <EnlargedView camera={camera} preview={preview} frame={frame} onClose={() => setEnlarged(false)} state={shown} view={view(true)} figures={figures} /> : null}
    </article>
  );
}

/** The larger view of one camera, with a full-screen button for a wall screen and the line editor. */
function EnlargedView({
  camera,
  preview,
  frame,
  state,
  view,
  figures,
  onClose,
}: {
  camera: CameraDto;
  preview?: LivePreviewEvent;
  frame?: LiveFrameEvent;
  state: TileState;
  view: ReactNode;
  figures: ReactNode;
  onClose: () => void;
}) {
  const stage = useRef<HTMLDivElement>(null);
  const canEdit = useCanRequest('cameras:edit');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const m = t().live.tile;
  return (
    <ModalDialog title={camera.name} wide onClose={onClose}>
      {editing ? (
        <LiveLineEditor
          camera={camera}
          preview={preview}
          frame={frame}
          onDone={(message) => {
            setEditing(false);
            setNotice(message);
          }}
        />
      ) : (
        <div className="enlarged modal-body" ref={stage}>
          <div className="enlarged-state">
            <StateBadge state={state.state} label={cameraStateLabel(state.word)} />
          </div>
          {view}
          {figures}
        </div>
      )}
      <p className="muted small enlarged-notice" role="status">
        {notice}
      </p>
      {editing ? null : (
        <div className="modal-actions">
          {canEdit ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {m.editLines}
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => {
              const el = stage.current;
              if (!el) return;
              if (document.fullscreenElement) void document.exitFullscreen();
              else void el.requestFullscreen?.().catch(() => undefined);
            }}
          >
            {m.fullScreen}
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            {m.close}
          </button>
        </div>
      )}
    </ModalDialog>
  );
}
