/**
 * What counts as a recording a camera can replay: the video containers ffmpeg reads that shops'
 * recorders and phones write. Shared by the engine's recordings folder list (`recordings:list`)
 * and the desktop's native file dialog (`dialog:open-recording`). Pure.
 */
export const RECORDING_EXTENSIONS = ['mp4', 'm4v', 'mov', 'avi', 'mkv', 'webm', 'ts', 'mts', 'm2ts', 'mpg', 'mpeg', 'wmv', 'flv', '3gp'] as const;

/** The folder, beside the database, whose recordings the browser's picker lists. */
export const RECORDINGS_FOLDER_NAME = 'recordings';

export function isRecordingName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (RECORDING_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}
