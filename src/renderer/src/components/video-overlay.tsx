import { useEffect, useRef, useState } from 'react';
import type { LiveFrameEvent, LivePreviewEvent } from '../../../shared/dto';

const DEFAULT_SIZE = { width: 640, height: 360 };

function trackColour(trackId: number): string {
  return `hsl(${(trackId * 67) % 360} 85% 40%)`;
}

function drawOverlay(ctx: CanvasRenderingContext2D, image: HTMLImageElement | null, frame: LiveFrameEvent | undefined, width: number, height: number): void {
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
export function VideoOverlay({ cameraName, preview, frame }: { cameraName: string; preview?: LivePreviewEvent; frame?: LiveFrameEvent }) {
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
    if (ctx) drawOverlay(ctx, image, frame, width, height);
  }, [image, frame, width, height]);

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
