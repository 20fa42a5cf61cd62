import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { LineDto, LiveBox, LiveFrameEvent, LivePreviewEvent, ZoneDto } from '../../../shared/dto';
import { formatInt } from '../format';
import { t } from '../i18n';

const DEFAULT_SIZE = { width: 640, height: 360 };
const NO_LINES: LineDto[] = [];
const NO_ZONES: ZoneDto[] = [];

function trackColour(trackId: number): string {
  return `hsl(${(trackId * 67) % 360} 85% 40%)`;
}

interface Geometry {
  lines: LineDto[];
  zones: ZoneDto[];
  /** Lines that counted a moment ago: drawn bright and thick for a second. */
  flashing: ReadonlySet<number>;
  /** Editing: the end points are drawn as handles to drag. */
  handles?: boolean;
}

/** An end-point handle's radius in source pixels (about 9 CSS pixels on a tile-sized view). */
export function handleRadius(width: number): number {
  return Math.max(6, Math.round(width / 60));
}

/** Counting lines (with an arrow on the "in" side) and zones, in source pixels like the boxes. */
function drawGeometry(ctx: CanvasRenderingContext2D, g: Geometry, width: number): void {
  ctx.save();
  const baseWidth = Math.max(2, Math.round(width / 240));
  ctx.lineWidth = baseWidth;
  ctx.strokeStyle = 'rgba(250, 204, 21, 0.95)';
  ctx.fillStyle = 'rgba(250, 204, 21, 0.12)';
  for (const z of g.zones) {
    if (z.polygon.length < 3) continue;
    ctx.beginPath();
    z.polygon.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  for (const l of g.lines) {
    if (!l.enabled) continue;
    const flash = g.flashing.has(l.id);
    const colour = flash ? 'rgba(74, 222, 128, 1)' : 'rgba(250, 204, 21, 0.95)';
    ctx.strokeStyle = colour;
    ctx.lineWidth = flash ? baseWidth * 3 : baseWidth;
    ctx.beginPath();
    ctx.moveTo(l.x1, l.y1);
    ctx.lineTo(l.x2, l.y2);
    ctx.stroke();
    ctx.lineWidth = baseWidth;
    // "In" is crossing from the side where cross(d, p − p1) > 0 to where it is < 0: the arrow
    // points along −normal, i.e. (dy, −dx) normalised, from the line's midpoint.
    const dx = l.x2 - l.x1;
    const dy = l.y2 - l.y1;
    const len = Math.hypot(dx, dy) || 1;
    const mx = (l.x1 + l.x2) / 2;
    const my = (l.y1 + l.y2) / 2;
    const ax = (dy / len) * Math.min(40, len / 3);
    const ay = (-dx / len) * Math.min(40, len / 3);
    ctx.beginPath();
    ctx.moveTo(mx - ax, my - ay);
    ctx.lineTo(mx + ax, my + ay);
    ctx.stroke();
    ctx.fillStyle = colour;
    ctx.font = `bold ${Math.max(12, Math.round(width / 50))}px system-ui, sans-serif`;
    ctx.fillText(t().live.overlay.inArrow, mx + ax + 4, my + ay + 4);
    if (g.handles) {
      const r = handleRadius(width);
      for (const [x, y] of [[l.x1, l.y1], [l.x2, l.y2]] as const) {
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fillStyle = 'rgba(15, 23, 42, 0.85)';
        ctx.fill();
        ctx.lineWidth = baseWidth;
        ctx.strokeStyle = colour;
        ctx.stroke();
      }
    }
  }
  ctx.restore();
}

function drawOverlay(ctx: CanvasRenderingContext2D, image: HTMLImageElement | null, boxes: readonly LiveBox[], width: number, height: number, geometry: Geometry): void {
  ctx.clearRect(0, 0, width, height);
  if (image) {
    ctx.drawImage(image, 0, 0, width, height);
  } else {
    ctx.fillStyle = '#0f172a';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#cbd5e1';
    ctx.font = `${Math.round(height / 16)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillText(t().live.overlay.waiting, width / 2, height / 2);
    ctx.textAlign = 'start';
  }
  drawGeometry(ctx, geometry, width);
  const fontSize = Math.max(12, Math.round(height / 28));
  ctx.lineWidth = Math.max(2, Math.round(width / 320));
  ctx.font = `bold ${fontSize}px system-ui, sans-serif`;
  const m = t().live.overlay;
  for (const box of boxes) {
    const [x, y, w, h] = box.bbox;
    const colour = trackColour(box.trackId);
    ctx.strokeStyle = colour;
    ctx.strokeRect(x, y, w, h);
    const text = m.track(String(box.trackId), formatInt(Math.round(box.confidence * 100)));
    const labelHeight = fontSize + 6;
    const labelTop = Math.max(0, y - labelHeight);
    ctx.fillStyle = colour;
    ctx.fillRect(x, labelTop, ctx.measureText(text).width + 8, labelHeight);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(text, x + 4, labelTop + fontSize);
  }
}

/** A decoded picture together with the preview it came from: its boxes are drawn only on it. */
interface Shown {
  image: HTMLImageElement;
  preview: LivePreviewEvent;
}

const NO_FLASH: ReadonlySet<number> = new Set();
const NO_BOXES: readonly LiveBox[] = [];

/**
 * The latest preview picture with the boxes of *that* frame drawn over it: an engine stamps each
 * preview with its frame index and sends the frame's boxes with it, and the picture and its boxes
 * are swapped in together once the new picture has decoded, so a box never sits on another frame.
 * (A preview without a stamp, from an older engine, gets the latest boxes as before; with no
 * picture at all, boxes are drawn on a dark background.) Boxes are in source-frame pixels, so the
 * canvas takes the frame's size and CSS scales it. `data-picture-frame` and `data-boxes-frame`
 * say which frame the picture and the boxes on screen belong to.
 */
export function VideoOverlay({
  cameraName,
  preview,
  frame,
  lines = NO_LINES,
  zones = NO_ZONES,
  flashing = NO_FLASH,
  className,
  onClick,
  handles = false,
  onPointer,
}: {
  cameraName: string;
  preview?: LivePreviewEvent;
  frame?: LiveFrameEvent;
  lines?: LineDto[];
  zones?: ZoneDto[];
  flashing?: ReadonlySet<number>;
  className?: string;
  onClick?: () => void;
  handles?: boolean;
  /** Pointer events in the source frame's pixels (the line editor drags end points with them). */
  onPointer?: (kind: 'down' | 'move' | 'up', x: number, y: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    if (!preview?.jpegDataUrl) return;
    let current = true;
    const img = new Image();
    img.onload = () => {
      if (current) setShown({ image: img, preview });
    };
    img.src = preview.jpegDataUrl;
    return () => {
      current = false;
    };
  }, [preview]);

  const stamped = shown !== null && shown.preview.frameIndex !== undefined;
  const boxes: readonly LiveBox[] = (stamped ? shown.preview.boxes : frame?.boxes) ?? NO_BOXES;
  const boxesFrame = stamped ? shown.preview.frameIndex : frame?.frameIndex;
  const width = (stamped ? shown.preview.width : undefined) ?? frame?.width ?? DEFAULT_SIZE.width;
  const height = (stamped ? shown.preview.height : undefined) ?? frame?.height ?? DEFAULT_SIZE.height;
  const image = shown?.image ?? null;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) drawOverlay(ctx, image, boxes, width, height, { lines, zones, flashing, handles });
  }, [image, boxes, width, height, lines, zones, flashing, handles]);

  const toSource = (e: ReactPointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [Math.round(((e.clientX - r.left) / r.width) * width), Math.round(((e.clientY - r.top) / r.height) * height)];
  };
  const pointer = onPointer
    ? {
        onPointerDown: (e: ReactPointerEvent<HTMLCanvasElement>) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          onPointer('down', ...toSource(e));
        },
        onPointerMove: (e: ReactPointerEvent<HTMLCanvasElement>) => onPointer('move', ...toSource(e)),
        onPointerUp: (e: ReactPointerEvent<HTMLCanvasElement>) => onPointer('up', ...toSource(e)),
      }
    : {};

  const people = boxes.length;
  const m = t().live.overlay;
  return (
    <canvas
      ref={canvas}
      className={className ? `video-overlay ${className}` : 'video-overlay'}
      width={width}
      height={height}
      role="img"
      onClick={onClick}
      {...pointer}
      data-picture-frame={stamped ? shown.preview.frameIndex : undefined}
      data-boxes-frame={boxesFrame}
      data-boxes={people}
      data-flashing={flashing.size > 0 ? [...flashing].join(' ') : undefined}
      aria-label={m.name(cameraName, image ? m.tracked(people, formatInt(people)) : m.noVideo)}
    />
  );
}
