import type { StorageHealthDto } from '../../../shared/dto';
import { formatInt } from '../format';
import { t } from '../i18n';

/**
 * What the storage notice says (app:info `storage`, issue 11 disk full), or null while the
 * database takes writes. `dbPath` names the file whose disk needs space.
 */
export function storageNoticeText(storage: StorageHealthDto | null | undefined, dbPath: string | null): string | null {
  if (!storage || storage.state === 'ok') return null;
  const m = t().shell.storage;
  const disk = dbPath ? m.diskHolding(dbPath) : m.disk;
  const waiting = m.eventsWaiting(formatInt(storage.heldCountingEvents), storage.heldCountingEvents);
  const head = storage.state === 'disk_full' ? m.diskFull(waiting, disk) : m.writeFailed(waiting, disk);
  const lost: string[] = [];
  const detailLost = storage.droppedFrames + storage.thinnedFrames;
  if (detailLost > 0) lost.push(m.framesDropped(formatInt(detailLost), detailLost));
  if (storage.droppedCountingEvents > 0) lost.push(m.eventsDropped(formatInt(storage.droppedCountingEvents), storage.droppedCountingEvents));
  const tail = lost.length > 0 ? ` ${m.soFar(lost.join(m.and))}` : '';
  return `${head} ${m.written}${tail}`;
}
