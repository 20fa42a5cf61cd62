/**
 * The recordings a browser may choose for a recording camera (`recordings:list`): the video files
 * directly inside the `recordings` folder beside the database — never anywhere else, no
 * sub-folders, no links (a link could point outside), nothing hidden. The desktop app has the
 * native file dialog instead (src/main/dialogs.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecordingFileDto, RecordingListDto } from '../../shared/dto-cameras';
import { isRecordingName, RECORDINGS_FOLDER_NAME } from '../../shared/recordings';

const MAX_FILES = 500;

export function recordingsFolderFor(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : join(dirname(dbPath), RECORDINGS_FOLDER_NAME);
}

export function listRecordings(folder: string | null): RecordingListDto {
  if (folder === null) return { folder: null, exists: false, files: [], truncated: false };
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return { folder, exists: false, files: [], truncated: false };
  }
  const files: RecordingFileDto[] = [];
  for (const e of entries) {
    if (!e.isFile() || e.name.startsWith('.') || !isRecordingName(e.name)) continue;
    const path = join(folder, e.name);
    try {
      const st = statSync(path);
      files.push({ name: e.name, path, sizeBytes: st.size, modifiedAt: st.mtime.toISOString() });
    } catch {
      // Gone between the listing and the look: not listed.
    }
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return { folder, exists: true, files: files.slice(0, MAX_FILES), truncated: files.length > MAX_FILES };
}
