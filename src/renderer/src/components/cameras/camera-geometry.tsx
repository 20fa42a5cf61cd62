import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { CameraDto } from '../../../../shared/dto';
import type { CameraFrameDto } from '../../../../shared/dto-cameras';
import { getApi } from '../../api';
import { t } from '../../i18n';
import { plainError } from '../../plain-errors';
import { useLive } from '../../stores/live';
import { VideoOverlay } from '../video-overlay';
import { drawingFromRows, rowsFromDrawing, type LineRow, type ZoneRow } from './camera-form-model';
import { reasonWords } from './camera-words';
import { GeometryEditor } from './geometry-editor';

/** When neither a picture nor a stored size says better. */
const FALLBACK_SIZE = { width: 640, height: 360 };

export type PictureOutcome = { ok: true } | { ok: false; words: string } | null;

/**
 * The camera form's drawing: a real picture of the camera (a still read through `cameras:frame`,
 * else the running camera's live preview) with its lines and zones drawn on it, in the camera's
 * own pixels. Edits go back into the form's rows, so the typed coordinates below stay in step.
 */
export function CameraGeometry({
  camera,
  name,
  lines,
  zones,
  typedSize,
  frameInput,
  fetchKey,
  addressKey,
  onChange,
  onPicture,
}: {
  camera: CameraDto | null;
  name: string;
  lines: LineRow[];
  zones: ZoneRow[];
  /** The frame size typed in the form or stored, when known (else 0). */
  typedSize: { width: number; height: number };
  /** What to ask `cameras:frame` for; null while the form has no address. */
  frameInput: () => RequestInput<'cameras:frame'> | null;
  /** A new value fetches a new picture (the form opened, a recording picked); null: only on request. */
  fetchKey: string | null;
  /** The address as typed: a picture of another address no longer applies once it changes. */
  addressKey: string;
  onChange: (rows: { lines: LineRow[]; zones: ZoneRow[] }) => void;
  onPicture: (outcome: PictureOutcome) => void;
}) {
  const preview = useLive((s) => (camera ? s.previews[camera.cameraId] : undefined));
  const liveFrame = useLive((s) => (camera ? s.frames[camera.cameraId] : undefined));
  const [still, setStill] = useState<CameraFrameDto | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);
  const input = useRef(frameInput);
  input.current = frameInput;
  const report = useRef(onPicture);
  report.current = onPicture;

  const fetchPicture = useCallback(async () => {
    const request = input.current();
    if (!request) return;
    const seq = ++latest.current;
    setPending(true);
    setProblem(null);
    const result = await getApi().cameras.frame(request);
    if (seq !== latest.current) return;
    setPending(false);
    if (!result.ok) {
      setProblem(plainError(result.error));
      report.current({ ok: false, words: plainError(result.error) });
      return;
    }
    setStill(result.value);
    report.current(result.value.ok ? { ok: true } : { ok: false, words: reasonWords(result.value.reason ?? 'unknown') });
  }, []);

  // A changed address first (drops the old picture), then a fetch asked for in the same change.
  const shownFor = useRef(addressKey);
  useEffect(() => {
    if (shownFor.current === addressKey) return;
    shownFor.current = addressKey;
    latest.current++;
    setStill(null);
    setPending(false);
    setProblem(null);
    report.current(null);
  }, [addressKey]);

  useEffect(() => {
    if (fetchKey !== null) void fetchPicture();
  }, [fetchKey, fetchPicture]);

  const stillOk = still?.ok && still.jpegDataUrl && still.width && still.height ? still : null;
  const livePicture = !stillOk && preview?.jpegDataUrl && preview.width && preview.height ? preview : null;
  const known = stillOk
    ? { width: stillOk.width!, height: stillOk.height! }
    : livePicture
      ? { width: livePicture.width!, height: livePicture.height! }
      : typedSize.width > 0 && typedSize.height > 0
        ? typedSize
        : null;
  const size = known ?? FALLBACK_SIZE;
  const m = t().cameras.picture;
  const shownName = name.trim() || m.theCamera;
  const label = m.of(shownName);
  const background = stillOk ? (
    <img src={stillOk.jpegDataUrl!} alt="" />
  ) : livePicture ? (
    <VideoOverlay cameraName={shownName} preview={livePicture} frame={liveFrame} />
  ) : (
    <div className="geometry-placeholder">{pending ? m.getting : m.noneYet}</div>
  );

  const failedWords = still && !still.ok ? reasonWords(still.reason ?? 'unknown') : problem;
  const knownSize = known ? `${size.width}×${size.height}` : null;
  const status = pending
    ? m.gettingFromCamera
    : stillOk
      ? m.still(`${stillOk.width}×${stillOk.height}`)
      : livePicture
        ? m.live(`${livePicture.width}×${livePicture.height}`)
        : failedWords
          ? m.failed(failedWords.replace(/\.$/, ''), knownSize)
          : m.none(knownSize);

  const drawing = drawingFromRows(lines, zones);
  return (
    <fieldset className="camera-geometry">
      <legend>{m.legend}</legend>
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => void fetchPicture()} disabled={pending || frameInput() === null}>
          {pending ? m.getting : stillOk ? m.getNew : m.get}
        </button>
        <p className={`camera-picture-status small${failedWords && !stillOk && !livePicture && !pending ? ' is-warning' : ''}`} role="status" data-testid="picture-status">
          {status}
        </p>
      </div>
      <GeometryEditor
        label={label}
        width={size.width}
        height={size.height}
        drawing={drawing}
        onChange={(next) => onChange(rowsFromDrawing({ lines, zones }, next))}
        background={background}
        sizeKnown={known !== null}
      />
    </fieldset>
  );
}
