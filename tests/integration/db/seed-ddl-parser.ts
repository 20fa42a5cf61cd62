// Reads the seed's PostgreSQL DDL straight from the markdown, so the schema test compares the
// SQLite schema with the document itself rather than with a hand-copied list that could drift.
// It relies on the seed's layout: one column definition per line, `-- comment` after it.

export interface SeedColumn {
  name: string;
  /** As written, upper-cased: 'VARCHAR(100)', 'DECIMAL(5,2)', 'SERIAL', … */
  type: string;
  notNull: boolean;
  unique: boolean;
  primaryKey: boolean;
  default: string | null;
  references: { table: string; column: string } | null;
  comment: string | null;
}

export interface SeedTable {
  name: string;
  columns: SeedColumn[];
  /** Table-level UNIQUE (a, b) constraints. */
  uniques: string[][];
}

export interface SeedIndex {
  name: string;
  table: string;
  columns: Array<{ name: string; desc: boolean }>;
  where: string | null;
}

export function sqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

function parseColumn(code: string, comment: string | null): SeedColumn {
  const match = /^(\w+)\s+(\w+(?:\(\d+(?:,\s*\d+)?\))?)(.*)$/.exec(code);
  if (!match) throw new Error(`cannot parse column definition: ${code}`);
  const [, name = '', type = '', rest = ''] = match;
  const references = /REFERENCES\s+(\w+)\s*\((\w+)\)/i.exec(rest);
  const dflt = /DEFAULT\s+('[^']*'|[\w.]+)/i.exec(rest);
  return {
    name,
    type: type.toUpperCase().replace(/\s+/g, ''),
    notNull: /NOT NULL/i.test(rest),
    unique: /\bUNIQUE\b/i.test(rest),
    primaryKey: /PRIMARY KEY/i.test(rest),
    default: dflt?.[1] ?? null,
    references: references ? { table: references[1] ?? '', column: references[2] ?? '' } : null,
    comment,
  };
}

function parseTables(sql: string): SeedTable[] {
  const tables: SeedTable[] = [];
  let current: SeedTable | null = null;
  for (const line of sql.split('\n')) {
    const commentAt = line.indexOf('--');
    const code = (commentAt === -1 ? line : line.slice(0, commentAt)).trim();
    const comment = commentAt === -1 ? null : line.slice(commentAt + 2).trim();
    const open = /^CREATE TABLE (\w+)\s*\($/i.exec(code);
    if (open) {
      current = { name: open[1] ?? '', columns: [], uniques: [] };
      tables.push(current);
      continue;
    }
    if (!current) continue;
    if (code === ');') {
      current = null;
      continue;
    }
    if (code === '') continue;
    const def = code.replace(/,$/, '').trim();
    const unique = /^UNIQUE\s*\(([^)]*)\)$/i.exec(def);
    if (unique) current.uniques.push((unique[1] ?? '').split(',').map((c) => c.trim()));
    else current.columns.push(parseColumn(def, comment));
  }
  return tables;
}

function parseIndexes(sql: string): SeedIndex[] {
  const withoutComments = sql
    .split('\n')
    .map((l) => (l.includes('--') ? l.slice(0, l.indexOf('--')) : l))
    .join('\n');
  return [...withoutComments.matchAll(/CREATE INDEX (\w+) ON (\w+)\s*\(([^)]*)\)(?:\s+WHERE\s+([^;]+))?;/gi)].map((m) => ({
    name: m[1] ?? '',
    table: m[2] ?? '',
    columns: (m[3] ?? '').split(',').map((c) => {
      const [name = '', dir] = c.trim().split(/\s+/);
      return { name, desc: dir?.toUpperCase() === 'DESC' };
    }),
    where: m[4]?.trim() ?? null,
  }));
}

export function parseSeed(markdown: string): { tables: SeedTable[]; indexes: SeedIndex[] } {
  const blocks = sqlBlocks(markdown);
  return { tables: blocks.flatMap(parseTables), indexes: blocks.flatMap(parseIndexes) };
}

/**
 * The value list of a status/type comment ("-- pending, approved, rejected"), or null when the
 * comment is not a closed list of identifiers ("etc." marks an open list).
 */
export function enumValues(column: SeedColumn): string[] | null {
  if (!column.comment || !column.type.startsWith('VARCHAR') || /\betc\b/i.test(column.comment)) return null;
  const values = column.comment.split(',').map((v) => v.trim());
  return values.length >= 2 && values.every((v) => /^[a-z_]+$/.test(v)) ? values : null;
}
