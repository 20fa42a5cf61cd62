import type { StorageHealthDto } from '../../../shared/dto';

function plural(n: number, one: string): string {
  return `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * What the storage notice says (app:info `storage`, issue 11 disk full), or null while the
 * database takes writes. `dbPath` names the file whose disk needs space.
 */
export function storageNoticeText(storage: StorageHealthDto | null | undefined, dbPath: string | null): string | null {
  if (!storage || storage.state === 'ok') return null;
  const disk = dbPath ? `the disk that holds ${dbPath}` : 'the disk';
  const waiting = `${plural(storage.heldCountingEvents, 'event')} waiting`;
  const head =
    storage.state === 'disk_full'
      ? `Disk full — counting continues in memory, ${waiting}; free space on ${disk}.`
      : `The disk refuses writes — counting continues in memory, ${waiting}; check ${disk}.`;
  const lost: string[] = [];
  const detailLost = storage.droppedFrames + storage.thinnedFrames;
  if (detailLost > 0) lost.push(`the detail of ${plural(detailLost, 'older frame')} was dropped to stay within memory`);
  if (storage.droppedCountingEvents > 0) lost.push(`${plural(storage.droppedCountingEvents, 'counting event')} could not be kept`);
  const tail = lost.length > 0 ? ` So far ${lost.join(', and ')}.` : '';
  return `${head} Everything waiting is written as soon as there is room.${tail}`;
}
