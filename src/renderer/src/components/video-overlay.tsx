import { useEffect, useRef, useState } from 'react';
import type { LineDto, LiveFrameEvent, LivePreviewEvent, ZoneDto } from '../../../shared/dto';

const DEFAULT_SIZE = { width: 640, height: 360 };
const NO_LINES: LineDto[] = [];
const NO_ZONES: ZoneDto[] = [];

function trackColour(trackId: number): string {
  return `hsl(${(trackId * 67) % 360} 85% 40%)`;
}

interface Geometry {
  lines: LineDto[];
  zones: ZoneDto[];
}

/** Counting lines (with an arrow on the "in" side) and zones, in source pixels like the boxes. */
function drawGeometry(ctx: CanvasRenderingContext2D, g: Geometry, width: number): void {
  ctx.save();
  ctx.lineWidth = Math.max(2, Math.round(width / 240));
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
    ctx.beginPath();
    ctx.moveTo(l.x1, l.y1);
    ctx.lineTo(l.x2, l.y2);
    ctx.stroke();
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
    ctx.fillStyle = 'rgba(250, 204, 21, 0.95)';
    ctx.font = `bold ${Math.max(12, Math.round(width / 50))}px system-ui, sans-serif`;
    ctx.fillText('IN', mx + ax + 4, my + ay + 4);
  }
  ctx.restore();
}

function drawOverlay(ctx: CanvasRenderingContext2D, image: HTMLImageElement | null, frame: LiveFrameEvent | undefined, width: number, height: number, geometry: Geometry): void {
  ctx.clearRect(0, 0, width, height);
  if (image) {
    ctx.drawImage(image, 0, 0, width, height);
  } else {
    ctx.fillStyle = '#0f172a';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#cbd5e1';
    ctx.font = `${Math.round(height / 16)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillText('Waiting for video…', width / 2, height / 2);
    ctx.textAlign = 'start';
  }
  drawGeometry(ctx, geometry, width);
  const fontSize = Math.max(12, Math.round(height / 28));
  ctx.lineWidth = Math.max(2, Math.round(width / 320));
  ctx.font = `bold ${fontSize}px system-ui, sans-serif`;
  for (const box of frame?.boxes ?? []) {
    const [x, y, w, h] = box.bbox;
    const colour = trackColour(box.trackId);
    ctx.strokeStyle = colour;
    ctx.strokeRect(x, y, w, h);
    const text = `#${box.trackId} ${Math.round(box.confidence * 100)}%`;
    const labelHeight = fontSize + 6;
    const labelTop = Math.max(0, y - labelHeight);
    ctx.fillStyle = colour;
    ctx.fillRect(x, labelTop, ctx.measureText(text).width + 8, labelHeight);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(text, x + 4, labelTop + fontSize);
  }
}

/**
 * The latest preview JPEG with the latest frame's boxes and track ids drawn over it. Previews
 * arrive less often than frames, so the decoded image is kept and boxes are redrawn on top.
 * Boxes are in source-frame pixels, so the canvas takes the frame's size and CSS scales it.
 */
export function VideoOverlay({
  cameraName,
  preview,
  frame,
  lines = NO_LINES,
  zones = NO_ZONES,
}: {
  cameraName: string;
  preview?: LivePreviewEvent;
  frame?: LiveFrameEvent;
  lines?: LineDto[];
  zones?: ZoneDto[];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const width = frame?.width ?? DEFAULT_SIZE.width;
  const height = frame?.height ?? DEFAULT_SIZE.height;
  const previewUrl = preview?.jpegDataUrl;

  useEffect(() => {
    if (!previewUrl) return;
    let current = true;
    const img = new Image();
    img.onload = () => {
      if (current) setImage(img);
    };
    img.src = previewUrl;
    return () => {
      current = false;
    };
  }, [previewUrl]);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) drawOverlay(ctx, image, frame, width, height, { lines, zones });
  }, [image, frame, width, height, lines, zones]);

  const people = frame?.boxes.length ?? 0;
  return (
    <canvas
      ref={canvas}
      className="video-overlay"
      width={width}
      height={height}
      role="img"
      aria-label={`Live view of ${cameraName}: ${image ? `${people} ${people === 1 ? 'person' : 'people'} tracked` : 'no video yet'}`}
    />
  );
}
