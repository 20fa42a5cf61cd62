import { parseSourceUrl, SourceError, type CameraSource } from '../capture/source';
import type { Camera } from '../db/repositories/cameras-repository';
import { injectSecrets, type CameraSecret } from './camera-secrets';

/**
 * The source ffmpeg opens for a stored camera. The stored (credential-free) address is checked
 * again here — the database may have been edited by hand — so only the accepted schemes ever
 * reach ffmpeg; credentials are added after the check, in memory only.
 * A file camera replays its recording in real time, in a loop, like a camera that never stops.
 */
export function cameraSourceFor(camera: Pick<Camera, 'sourceKind' | 'urlRedacted' | 'username'>, secret: CameraSecret | null): CameraSource {
  const parsed = parseSourceUrl(camera.urlRedacted, camera.sourceKind);
  switch (parsed.kind) {
    case 'rtsp':
      return { kind: 'rtsp', url: injectSecrets(parsed.url, camera.username, secret), transport: 'tcp' };
    case 'http_mjpeg':
      return { kind: 'http_mjpeg', url: injectSecrets(parsed.url, camera.username, secret) };
    case 'file':
      return { kind: 'file', path: parsed.path, loop: true, realtime: true };
    case 'usb':
      return parsed;
  }
}

/** A source problem as a camera state reason. */
export function sourceErrorReason(err: unknown): 'not_found' | 'unsupported' {
  return err instanceof SourceError && err.code === 'FILE_NOT_FOUND' ? 'not_found' : 'unsupported';
}
