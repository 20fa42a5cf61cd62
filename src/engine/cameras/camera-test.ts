import { CaptureError } from '../capture/capture-error';
import { listUsbDevices } from '../capture/device-list';
import { SourceError, type CameraSource } from '../capture/source';
import { scrubText } from '../log';
import { probeSource } from '../capture/probe-source';
import type { CameraTestDto, UsbDeviceDto } from '../../shared/dto-cameras';

/**
 * One connection to the camera, reading at most one frame: it answers with its picture size, or
 * the failure is classified (auth, refused, …) exactly as the live supervisor would classify it.
 */
export async function testCameraSource(source: CameraSource, timeoutMs: number): Promise<CameraTestDto> {
  const t0 = performance.now();
  const elapsed = (): number => Math.round(performance.now() - t0);
  try {
    const info = await probeSource(source, { timeoutMs });
    return { ok: true, reason: null, message: `${info.width}x${info.height}${info.fps ? ` at ${info.fps} fps` : ''}`, width: info.width, height: info.height, fps: info.fps, elapsedMs: elapsed() };
  } catch (err) {
    const reason = err instanceof CaptureError ? err.reason : err instanceof SourceError ? 'unsupported' : 'unknown';
    const message = scrubText(err instanceof Error ? err.message : String(err));
    return { ok: false, reason, message, width: null, height: null, fps: null, elapsedMs: elapsed() };
  }
}

export async function listCameraDevices(): Promise<UsbDeviceDto[]> {
  const devices = await listUsbDevices();
  return devices.map((d) => ({
    device: d.device,
    name: d.name,
    platform: d.platform,
    formats: (d.formats ?? []).map((f) => ({ format: f.format, description: f.description, compressed: f.compressed, sizes: f.sizes })),
  }));
}
