import { DbError } from './db-error';
import { fromJsonText, toJsonText } from './json-column';

export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'json' | 'blob';

export interface ColumnSpec {
  readonly column: string;
  readonly kind: ColumnKind;
  /** Optional shape check for JSON columns, run on the way in and on the way out. */
  readonly validate?: (value: unknown) => string | null;
}

/** Every DTO field maps to exactly one column (the compiler enforces that no field is missing). */
export type ColumnMap<T> = { readonly [K in keyof T]-?: ColumnSpec };

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlRow = Record<string, unknown>;

/**
 * Converts between snake_case rows and camelCase DTOs: booleans ↔ 0/1, JSON objects ↔ validated
 * text. One mapping per table keeps the conversions in one reviewed place instead of in every query.
 */
export class TableMapper<T extends object> {
  private readonly entries: Array<[keyof T & string, ColumnSpec]>;

  constructor(
    readonly table: string,
    readonly columns: ColumnMap<T>,
  ) {
    this.entries = Object.entries(columns) as Array<[keyof T & string, ColumnSpec]>;
  }

  columnOf(field: keyof T): string {
    return this.columns[field].column;
  }

  fromRow(row: unknown): T {
    if (row === null || typeof row !== 'object') throw new DbError('NOT_FOUND', `${this.table}: no row`);
    const source = row as SqlRow;
    const dto: Record<string, unknown> = {};
    for (const [field, spec] of this.entries) {
      dto[field] = this.readValue(source[spec.column], spec);
    }
    return dto as T;
  }

  /** Named parameters (keyed by column name) for the given fields; absent fields bind NULL. */
  toParams(values: Partial<T>, fields: ReadonlyArray<keyof T>): Record<string, SqlValue> {
    const params: Record<string, SqlValue> = {};
    for (const field of fields) {
      const spec = this.columns[field];
      params[spec.column] = this.writeValue(values[field], spec);
    }
    return params;
  }

  private readValue(value: unknown, spec: ColumnSpec): unknown {
    if (value === null || value === undefined) return null;
    switch (spec.kind) {
      case 'boolean':
        return value === 1;
      case 'json': {
        const parsed = fromJsonText(value, `${this.table}.${spec.column}`);
        this.checkShape(parsed, spec);
        return parsed;
      }
      default:
        return value;
    }
  }

  private writeValue(value: unknown, spec: ColumnSpec): SqlValue {
    if (value === null || value === undefined) return null;
    const where = `${this.table}.${spec.column}`;
    switch (spec.kind) {
      case 'boolean':
        if (typeof value !== 'boolean') throw new DbError('INVALID_INPUT', `${where}: expected a boolean`);
        return value ? 1 : 0;
      case 'json':
        this.checkShape(value, spec);
        return toJsonText(value, where);
      case 'blob':
        if (!Buffer.isBuffer(value)) throw new DbError('INVALID_INPUT', `${where}: expected a Buffer`);
        return value;
      case 'text':
        if (typeof value !== 'string') throw new DbError('INVALID_INPUT', `${where}: expected a string`);
        return value;
      case 'integer':
      case 'real':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new DbError('INVALID_INPUT', `${where}: expected a finite number`);
        return value;
    }
  }

  private checkShape(value: unknown, spec: ColumnSpec): void {
    const problem = spec.validate?.(value);
    if (problem) throw new DbError('INVALID_JSON', `${this.table}.${spec.column}: ${problem}`);
  }
}

/** Column spec shorthands so table mappings read like the schema. */
export const col = {
  text: (column: string): ColumnSpec => ({ column, kind: 'text' }),
  integer: (column: string): ColumnSpec => ({ column, kind: 'integer' }),
  real: (column: string): ColumnSpec => ({ column, kind: 'real' }),
  boolean: (column: string): ColumnSpec => ({ column, kind: 'boolean' }),
  blob: (column: string): ColumnSpec => ({ column, kind: 'blob' }),
  json: (column: string, validate?: (value: unknown) => string | null): ColumnSpec =>
    validate ? { column, kind: 'json', validate } : { column, kind: 'json' },
};
