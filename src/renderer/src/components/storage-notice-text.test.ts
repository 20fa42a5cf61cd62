import { describe, expect, it } from 'vitest';
import { useLocale } from '../i18n';
import type { StorageHealthDto } from '../../../shared/dto';
import { storageNoticeText } from './storage-notice-text';

const ok: StorageHealthDto = {
  state: 'ok',
  message: null,
  heldRows: 0,
  heldFrames: 0,
  heldCountingEvents: 0,
  heldSince: null,
  droppedFrames: 0,
  thinnedFrames: 0,
  droppedCountingEvents: 0,
};

describe('storage notice text', () => {
  it('says nothing while the disk takes writes (or where no camera runs)', () => {
    expect(storageNoticeText(ok, '/data/footfall.db')).toBeNull();
    expect(storageNoticeText(null, '/data/footfall.db')).toBeNull();
    expect(storageNoticeText(undefined, null)).toBeNull();
  });

  it('says the disk is full, that counting goes on, how many events wait and where to free space', () => {
    const full: StorageHealthDto = { ...ok, state: 'disk_full', message: 'The disk is full', heldRows: 5400, heldFrames: 600, heldCountingEvents: 1234, heldSince: '2025-05-01T08:00:00.000Z' };
    expect(storageNoticeText(full, '/data/footfall.db')).toBe(
      'Disk full — counting continues in memory, 1,234 events waiting; free space on the disk that holds /data/footfall.db. ' +
        'Everything waiting is written as soon as there is room.',
    );
    expect(storageNoticeText({ ...full, heldCountingEvents: 1 }, null)).toBe(
      'Disk full — counting continues in memory, 1 event waiting; free space on the disk. Everything waiting is written as soon as there is room.',
    );
  });

  it('an I/O error, and what the memory bound has cost so far', () => {
    const failing: StorageHealthDto = { ...ok, state: 'write_failed', heldCountingEvents: 3, droppedFrames: 10, thinnedFrames: 2, droppedCountingEvents: 4 };
    expect(storageNoticeText(failing, 'D:\\footfall.db')).toBe(
      'The disk refuses writes — counting continues in memory, 3 events waiting; check the disk that holds D:\\footfall.db. ' +
        'Everything waiting is written as soon as there is room. So far the detail of 12 older frames was dropped to stay within memory, and 4 counting events could not be kept.',
    );
  });

  it('speaks the language shown', () => {
    useLocale.setState({ locale: 'vi' });
    try {
      const text = storageNoticeText({ ...ok, state: 'disk_full', heldCountingEvents: 2 }, null);
      expect(text).toContain('Ổ đĩa đầy — việc đếm vẫn tiếp tục trong bộ nhớ');
      expect(text).not.toMatch(/Disk full|events? waiting/);
    } finally {
      useLocale.setState({ locale: 'en' });
    }
  });
});
