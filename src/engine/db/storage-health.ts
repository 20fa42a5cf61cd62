import type { StorageHealthDto } from '../../shared/dto';
import type { ResultWriterStats } from './result-writer';

/** app:info `storage`: the live result writer's state (issue 11, disk full) as the renderer sees it. */
export function toStorageHealthDto(stats: ResultWriterStats): StorageHealthDto {
  return {
    state: stats.storageState,
    message: stats.storageMessage,
    heldRows: stats.queuedRows,
    heldFrames: stats.queuedFrames,
    heldCountingEvents: stats.queuedCountingEvents,
    heldSince: stats.heldSince === null ? null : new Date(stats.heldSince).toISOString(),
    droppedFrames: stats.droppedFrames,
    thinnedFrames: stats.thinnedFrames,
    droppedCountingEvents: stats.droppedCountingEvents,
  };
}
