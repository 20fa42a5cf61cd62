import { useId, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { geometryWarnings } from '../line-warnings';
import {
  allHandles,
  clampToPicture,
  distanceToLine,
  flipLine,
  freeName,
  handlePoint,
  inArrow,
  insertCorner,
  insidePolygon,
  longestEdge,
  moveHandle,
  nearestHandle,
  removeCorner,
  sameHandle,
  type Drawing,
  type DrawLine,
  type DrawZone,
  type Handle,
  type Pt,
} from './geometry';
import './geometry-editor.css';

type Mode = 'select' | 'line' | 'zone';
type Item = { kind: 'line' | 'zone'; key: string };

/** How close (CSS pixels) a press must be to a point to grab it. */
const REACH_PX = 14;

let newKeys = 0;
const newKey = (kind: string): string => `new-${kind}-${++newKeys}`;

function handleName(d: Drawing, h: Handle): string {
  const m = t().cameras.editor;
  if (h.kind === 'line') {
    const name = d.lines.find((x) => x.key === h.key)?.name ?? m.aLine;
    return h.end === 0 ? m.startPoint(name) : m.endPoint(name);
  }
  const z = d.zones.find((x) => x.key === h.key);
  return m.corner(z?.name ?? m.aZone, formatInt(h.index + 1));
}

const handleId = (h: Handle): string => (h.kind === 'line' ? `line-${h.key}-${h.end}` : `zone-${h.key}-${h.index}`);

/**
 * Counting lines and zones drawn on a real picture of the camera, in the camera's own pixels:
 * drag a line's end points or a zone's corners (or focus one and move it with the arrow keys),
 * draw a new line with two clicks or a zone with a click per corner, flip a line (the IN arrow
 * shows the side counted as in), insert and delete corners, delete lines and zones. Warnings
 * (never blocks) say when a line can never be crossed or the camera has no line. Controlled:
 * every change goes to `onChange`; saving is the caller's.
 */
export function GeometryEditor({
  label,
  width,
  height,
  drawing,
  onChange,
  background,
  zones = true,
  sizeKnown = true,
}: {
  /** The drawing area's accessible name, e.g. "Picture of Front door". */
  label: string;
  /** The camera's own picture size: the pixels lines and zones are stored in. */
  width: number;
  height: number;
  drawing: Drawing;
  onChange: (next: Drawing) => void;
  /** The picture (an <img>, the live canvas, or a placeholder), stretched over the area. */
  background: ReactNode;
  /** Whether zones can be drawn here. */
  zones?: boolean;
  /** False while width × height is a guess (no picture, no stored size): no warning about the far edges then. */
  sizeKnown?: boolean;
}) {
  const surface = useRef<HTMLDivElement>(null);
  const dragging = useRef<Handle | null>(null);
  const [mode, setMode] = useState<Mode>('select');
  const [pending, setPending] = useState<Pt[]>([]);
  const [hover, setHover] = useState<Pt | null>(null);
  const [selected, setSelected] = useState<Handle | null>(null);
  const [item, setItem] = useState<Item | null>(null);
  const [hint, setHint] = useState('');
  const hintId = useId();
  const keysId = useId();
  const m = t().cameras.editor;

  const scale = (): number => {
    const r = surface.current?.getBoundingClientRect();
    return r && r.width > 0 ? width / r.width : 1;
  };
  const toSource = (e: ReactPointerEvent): Pt => {
    const r = e.currentTarget.getBoundingClientRect();
    return clampToPicture(((e.clientX - r.left) / r.width) * width, ((e.clientY - r.top) / r.height) * height, width, height);
  };
  const choose = (next: Item | null, handle: Handle | null = null) => {
    setItem(next);
    setSelected(handle);
  };
  const stopDrawing = () => {
    setMode('select');
    setPending([]);
    setHover(null);
  };

  const addLine = (a: Pt, b: Pt) => {
    const line: DrawLine = { key: newKey('line'), name: freeName('line', drawing.lines.map((l) => l.name)), x1: a[0], y1: a[1], x2: b[0], y2: b[1] };
    onChange({ ...drawing, lines: [...drawing.lines, line] });
    choose({ kind: 'line', key: line.key });
    setHint(m.lineAdded(line.name));
  };
  const addZone = (points: readonly Pt[]) => {
    const zone: DrawZone = { key: newKey('zone'), name: freeName('zone', drawing.zones.map((z) => z.name)), points };
    onChange({ ...drawing, zones: [...drawing.zones, zone] });
    choose({ kind: 'zone', key: zone.key });
    setHint(m.zoneAdded(zone.name, formatInt(points.length)));
  };
  const finishZone = () => {
    if (pending.length >= 3) addZone(pending);
    stopDrawing();
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const p = toSource(e);
    const reach = REACH_PX * scale();
    if (mode === 'line') {
      if (pending.length === 0) {
        setPending([p]);
        setHint(m.clickLineEnd);
      } else {
        addLine(pending[0]!, p);
        stopDrawing();
      }
      return;
    }
    if (mode === 'zone') {
      const first = pending[0];
      if (first && pending.length >= 3 && Math.hypot(first[0] - p[0], first[1] - p[1]) <= reach) {
        finishZone();
      } else {
        setPending([...pending, p]);
        setHint(m.cornerPlaced(formatInt(pending.length + 1), pending.length + 1 >= 3));
      }
      return;
    }
    const h = nearestHandle(drawing, p[0], p[1], reach);
    if (h) {
      dragging.current = h;
      choose({ kind: h.kind, key: h.key }, h);
      e.currentTarget.setPointerCapture?.(e.pointerId);
      document.getElementById(`${hintId}-${handleId(h)}`)?.focus();
      return;
    }
    const line = drawing.lines.find((l) => distanceToLine(l, p[0], p[1]) <= reach);
    if (line) return choose({ kind: 'line', key: line.key });
    const zone = [...drawing.zones].reverse().find((z) => insidePolygon(z.points, p[0], p[1]));
    choose(zone ? { kind: 'zone', key: zone.key } : null);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const h = dragging.current;
    if (h) onChange(moveHandle(drawing, h, toSource(e)));
    else if (mode !== 'select') setHover(toSource(e));
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = null;
    if (e.currentTarget.hasPointerCapture?.(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  const onHandleKey = (h: Handle, e: KeyboardEvent<HTMLButtonElement>) => {
    const step = e.shiftKey ? 10 : 1;
    const moves: Record<string, Pt> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const p = handlePoint(drawing, h);
      if (p) onChange(moveHandle(drawing, h, clampToPicture(p[0] + move[0], p[1] + move[1], width, height)));
      return;
    }
    if ((e.key === 'Delete' || e.key === 'Backspace') && h.kind === 'zone') {
      e.preventDefault();
      deleteCorner(h);
    }
  };
  const deleteCorner = (h: Handle & { kind: 'zone' }) => {
    const zone = drawing.zones.find((z) => z.key === h.key);
    if (!zone) return;
    if (zone.points.length <= 3) {
      setHint(m.needsThree(zone.name));
      return;
    }
    onChange(removeCorner(drawing, h.key, h.index));
    choose({ kind: 'zone', key: h.key });
    setHint(m.cornerDeleted(formatInt(h.index + 1), zone.name));
  };

  const start = (next: Mode) => {
    setPending([]);
    setHover(null);
    setMode(next);
    choose(null);
    setHint(next === 'line' ? m.startLine : m.startZone);
  };
  const middleLine = () => addLine([Math.round(width / 2), Math.round(height * 0.2)], [Math.round(width / 2), Math.round(height * 0.8)]);
  const middleZone = () => {
    const [x0, x1, y0, y1] = [width * 0.35, width * 0.65, height * 0.35, height * 0.65].map(Math.round) as [number, number, number, number];
    addZone([
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ]);
  };

  const warnings = geometryWarnings(
    drawing.lines,
    drawing.zones.map((z) => ({ name: z.name, polygon: z.points })),
    sizeKnown ? width : Infinity,
    sizeKnown ? height : Infinity,
  );
  const font = Math.max(12, Math.round(width / 45));
  const arrowSize = (l: DrawLine) => Math.min(width / 14, Math.max(12, Math.hypot(l.x2 - l.x1, l.y2 - l.y1) / 3));
  const selectedCorner = selected?.kind === 'zone' ? selected : null;
  const selectedZone = selectedCorner ? drawing.zones.find((z) => z.key === selectedCorner.key) : undefined;
  const drawingHint = mode === 'line' ? (pending.length === 0 ? m.hintLineStart : m.hintLineEnd) : mode === 'zone' ? m.hintZone : m.hintSelect;

  return (
    <div
      className="geometry-editor"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && mode !== 'select') {
          // Stops drawing without closing the dialog around the editor.
          e.preventDefault();
          e.stopPropagation();
          stopDrawing();
          setHint(m.stopped);
        }
      }}
    >
      <div className="geometry-tools button-row">
        <button type="button" className="button button-small" aria-pressed={mode === 'line'} onClick={() => (mode === 'line' ? stopDrawing() : start('line'))}>
          {m.drawLine}
        </button>
        {zones ? (
          <button type="button" className="button button-small" aria-pressed={mode === 'zone'} onClick={() => (mode === 'zone' ? stopDrawing() : start('zone'))}>
            {m.drawZone}
          </button>
        ) : null}
        {mode === 'zone' ? (
          <button type="button" className="button button-small button-primary" onClick={finishZone} disabled={pending.length < 3}>
            {m.finishZone}
          </button>
        ) : null}
        {mode !== 'select' ? (
          <button type="button" className="button button-small" onClick={stopDrawing}>
            {m.stopDrawing}
          </button>
        ) : (
          <>
            <button type="button" className="button button-small button-quiet" onClick={middleLine}>
              {m.middleLine}
            </button>
            {zones ? (
              <button type="button" className="button button-small button-quiet" onClick={middleZone}>
                {m.middleZone}
              </button>
            ) : null}
          </>
        )}
      </div>
      <p className="field-help geometry-hint" id={hintId}>
        {drawingHint}
      </p>
      <div
        ref={surface}
        className="geometry-surface"
        data-mode={mode}
        data-width={width}
        data-height={height}
        role="group"
        aria-label={label}
        aria-describedby={hintId}
        style={{ aspectRatio: `${width} / ${height}`, ['--geometry-aspect' as string]: String(width / height) }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => setHover(null)}
      >
        <div className="geometry-picture">{background}</div>
        <svg className="geometry-svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
          {drawing.zones.map((z) => (
            <g key={z.key} className={item?.kind === 'zone' && item.key === z.key ? 'geometry-zone is-selected' : 'geometry-zone'}>
              {z.points.length >= 3 ? <polygon points={z.points.map((p) => p.join(',')).join(' ')} /> : <polyline points={z.points.map((p) => p.join(',')).join(' ')} />}
              {z.points[0] ? (
                <text x={z.points[0][0] + font * 0.4} y={z.points[0][1] + font * 1.2} fontSize={font}>
                  {z.name}
                </text>
              ) : null}
            </g>
          ))}
          {drawing.lines.map((l) => {
            const a = inArrow(l, arrowSize(l), font);
            return (
              <g key={l.key} className={item?.kind === 'line' && item.key === l.key ? 'geometry-line is-selected' : 'geometry-line'}>
                <line x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} />
                <line className="geometry-arrow" x1={a.from[0]} y1={a.from[1]} x2={a.to[0]} y2={a.to[1]} />
                <polygon className="geometry-arrow-head" points={a.head.map((p) => p.join(',')).join(' ')} />
                <text className="geometry-in" x={a.label[0]} y={a.label[1]} fontSize={font} textAnchor="middle" dominantBaseline="central">
                  {m.inArrow}
                </text>
                <text x={l.x1 + font * 0.5} y={l.y1 - font * 0.5} fontSize={font * 0.85}>
                  {l.name}
                </text>
              </g>
            );
          })}
          {mode !== 'select' && pending.length > 0 ? (
            <polyline className="geometry-pending" points={[...pending, ...(hover ? [hover] : [])].map((p) => p.join(',')).join(' ')} />
          ) : null}
          {pending.map((p, i) => (
            <circle key={i} className="geometry-pending-point" cx={p[0]} cy={p[1]} r={Math.max(3, width / 160)} />
          ))}
        </svg>
        {allHandles(drawing).map((h) => {
          const p = handlePoint(drawing, h);
          if (!p) return null;
          const name = handleName(drawing, h);
          return (
            <button
              key={handleId(h)}
              id={`${hintId}-${handleId(h)}`}
              type="button"
              tabIndex={mode === 'select' ? 0 : -1}
              className={`geometry-handle geometry-handle-${h.kind}${sameHandle(h, selected) ? ' is-selected' : ''}`}
              style={{ left: `${(p[0] / width) * 100}%`, top: `${(p[1] / height) * 100}%` }}
              aria-label={m.at(name, String(p[0]), String(p[1]))}
              aria-describedby={keysId}
              data-handle={handleId(h)}
              onFocus={() => choose({ kind: h.kind, key: h.key }, h)}
              onKeyDown={(e) => onHandleKey(h, e)}
            />
          );
        })}
      </div>
      <p className="visually-hidden" id={keysId}>
        {m.keys}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {hint}
      </p>
      {selectedCorner && selectedZone ? (
        <div className="button-row geometry-selection">
          <span className="small">
            {m.cornerOf(formatInt(selectedCorner.index + 1), selectedZone.name, selectedZone.points[selectedCorner.index]?.join(', ') ?? '')}
          </span>
          <button type="button" className="button button-small" onClick={() => onChange(insertCorner(drawing, selectedZone.key, selectedCorner.index))}>
            {m.insertAfter}
          </button>
          <button type="button" className="button button-small button-danger-quiet" onClick={() => deleteCorner(selectedCorner)}>
            {m.deleteCorner(formatInt(selectedCorner.index + 1), selectedZone.name)}
          </button>
        </div>
      ) : null}
      {drawing.lines.length > 0 ? (
        <ul className="line-editor-list" aria-label={m.linesLabel}>
          {drawing.lines.map((l, i) => (
            <li key={l.key} className={item?.kind === 'line' && item.key === l.key ? 'is-selected' : undefined}>
              <span>
                <strong>{l.name}</strong> <code data-testid={`line-${i + 1}-coords`}>{`${l.x1},${l.y1} → ${l.x2},${l.y2}`}</code>
              </span>
              <span className="button-row">
                <button type="button" className="button button-small" onClick={() => onChange(flipLine(drawing, l.key))}>
                  {m.flip(l.name)}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => {
                    onChange({ ...drawing, lines: drawing.lines.filter((x) => x.key !== l.key) });
                    choose(null);
                    setHint(m.deleted(l.name));
                  }}
                >
                  {m.delete(l.name)}
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {drawing.zones.length > 0 ? (
        <ul className="line-editor-list" aria-label={m.zonesLabel}>
          {drawing.zones.map((z, i) => (
            <li key={z.key} className={item?.kind === 'zone' && item.key === z.key ? 'is-selected' : undefined}>
              <span>
                <strong>{z.name}</strong> <span data-testid={`zone-${i + 1}-corners`}>{m.corners(z.points.length, formatInt(z.points.length))}</span>
              </span>
              <span className="button-row">
                <button type="button" className="button button-small" onClick={() => onChange(insertCorner(drawing, z.key, longestEdge(z.points)))}>
                  {m.insertIn(z.name)}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger-quiet"
                  onClick={() => {
                    onChange({ ...drawing, zones: drawing.zones.filter((x) => x.key !== z.key) });
                    choose(null);
                    setHint(m.deleted(z.name));
                  }}
                >
                  {m.delete(z.name)}
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="line-warnings" role="status" aria-label={m.warningsLabel}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
