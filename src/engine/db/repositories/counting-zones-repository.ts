import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../open-database';
import { col, TableMapper } from '../table-mapper';
import { fieldsExcept, TableStore, type NewRow } from '../table-store';

export type Point = [number, number];

/** A counting zone: a polygon of at least three [x, y] points in source-frame pixels. */
export interface CountingZone {
  id: number;
  cameraId: string;
  name: string;
  polygon: Point[];
  enabled: boolean;
  createdAt: string;
}

export type NewCountingZone = NewRow<CountingZone, 'cameraId' | 'name' | 'polygon', 'id'>;
export type CountingZonePatch = Partial<Omit<CountingZone, 'id' | 'cameraId' | 'createdAt'>>;

export function polygonProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length < 3) return 'polygon needs at least three points';
  const bad = value.findIndex(
    (p: unknown) => !Array.isArray(p) || p.length !== 2 || !p.every((v: unknown) => typeof v === 'number' && Number.isFinite(v)),
  );
  return bad === -1 ? null : `polygon point ${bad} must be [x, y] with finite numbers`;
}

export const countingZoneMapper = new TableMapper<CountingZone>('counting_zones', {
  id: col.integer('id'),
  cameraId: col.text('camera_id'),
  name: col.text('name'),
  polygon: col.json('polygon', polygonProblem),
  enabled: col.boolean('enabled'),
  createdAt: col.text('created_at'),
});

export class CountingZonesRepository {
  private readonly store: TableStore<CountingZone, 'id'>;
  private readonly forCamera: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, countingZoneMapper, {
      key: 'id',
      insertable: fieldsExcept(countingZoneMapper.columns, ['id']),
      updatable: fieldsExcept(countingZoneMapper.columns, ['id', 'cameraId', 'createdAt']),
    });
    this.forCamera = db.prepare('SELECT * FROM counting_zones WHERE camera_id = ? ORDER BY id');
  }

  add(zone: NewCountingZone): CountingZone {
    return this.store.insert(zone);
  }

  get(id: number): CountingZone | undefined {
    return this.store.get(id);
  }

  listForCamera(cameraId: string): CountingZone[] {
    return this.forCamera.all(cameraId).map((r) => countingZoneMapper.fromRow(r));
  }

  update(id: number, patch: CountingZonePatch): CountingZone {
    return this.store.update(id, patch);
  }

  delete(id: number): boolean {
    return this.store.delete(id);
  }
}
