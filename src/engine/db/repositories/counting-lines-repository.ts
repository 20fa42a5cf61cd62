import type { Statement } from 'better-sqlite3';
import { DbError } from '../db-error';
import type { SqliteDatabase } from '../open-database';
import { col, TableMapper } from '../table-mapper';
import { definedOnly, fieldsExcept, TableStore, type NewRow } from '../table-store';

/** A counting line in source-frame pixels; crossing (x1,y1)→(x2,y2) left-to-right counts in. */
export interface CountingLine {
  id: number;
  cameraId: string;
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  inLabel: string;
  outLabel: string;
  enabled: boolean;
  createdAt: string;
}

export type NewCountingLine = NewRow<CountingLine, 'cameraId' | 'name' | 'x1' | 'y1' | 'x2' | 'y2', 'id'>;
export type CountingLinePatch = Partial<Omit<CountingLine, 'id' | 'cameraId' | 'createdAt'>>;

export const countingLineMapper = new TableMapper<CountingLine>('counting_lines', {
  id: col.integer('id'),
  cameraId: col.text('camera_id'),
  name: col.text('name'),
  x1: col.real('x1'),
  y1: col.real('y1'),
  x2: col.real('x2'),
  y2: col.real('y2'),
  inLabel: col.text('in_label'),
  outLabel: col.text('out_label'),
  enabled: col.boolean('enabled'),
  createdAt: col.text('created_at'),
});

/** A typed error before SQLite's CHECK: a zero-length line could never be crossed. */
function assertLine(line: Pick<CountingLine, 'x1' | 'y1' | 'x2' | 'y2'>): void {
  const coords = [line.x1, line.y1, line.x2, line.y2];
  if (!coords.every((v) => Number.isFinite(v))) throw new DbError('INVALID_INPUT', 'counting line coordinates must be finite numbers');
  if (line.x1 === line.x2 && line.y1 === line.y2) throw new DbError('INVALID_INPUT', 'counting line has zero length');
}

export class CountingLinesRepository {
  private readonly store: TableStore<CountingLine, 'id'>;
  private readonly forCamera: Statement;

  constructor(db: SqliteDatabase) {
    this.store = new TableStore(db, countingLineMapper, {
      key: 'id',
      insertable: fieldsExcept(countingLineMapper.columns, ['id']),
      updatable: fieldsExcept(countingLineMapper.columns, ['id', 'cameraId', 'createdAt']),
    });
    this.forCamera = db.prepare('SELECT * FROM counting_lines WHERE camera_id = ? ORDER BY id');
  }

  add(line: NewCountingLine): CountingLine {
    assertLine(line);
    return this.store.insert(line);
  }

  get(id: number): CountingLine | undefined {
    return this.store.get(id);
  }

  listForCamera(cameraId: string): CountingLine[] {
    return this.forCamera.all(cameraId).map((r) => countingLineMapper.fromRow(r));
  }

  update(id: number, patch: CountingLinePatch): CountingLine {
    assertLine({ ...this.store.require(id), ...definedOnly(patch) });
    return this.store.update(id, patch);
  }

  delete(id: number): boolean {
    return this.store.delete(id);
  }
}
