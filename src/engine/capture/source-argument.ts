import { existsSync } from 'node:fs';
import { parseSourceUrl, type CameraSource } from './source';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const WINDOWS_DRIVE = /^[a-z]:[\\/]/i;

/**
 * A source named on the command line or in a request (`count --source`, evaluation, shadow
 * frames): text without a URL scheme is a recording's path (missing → FILE_NOT_FOUND); with one,
 * only the camera schemes are accepted (file:, concat:, pipe:… are refused).
 */
export function sourceFromArgument(text: string): CameraSource {
  if (existsSync(text) || !SCHEME.test(text) || WINDOWS_DRIVE.test(text)) return parseSourceUrl(text, 'file');
  return parseSourceUrl(text);
}
