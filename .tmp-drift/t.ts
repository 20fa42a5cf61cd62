import Database from 'better-sqlite3';
import { DriftData } from '/work/main/src/engine/drift/drift-data';
import { detectTamper, decodeGrid, gridCorrelation } from '/work/main/src/engine/drift/tamper';
import { median } from '/work/main/src/engine/drift/drift-stats';
for (const f of ['shifted', 'dark', 'normal']) {
  const db = new Database(`/tmp/drift/${f}.db`, { readonly: true });
  const d = new DriftData(db as never);
  const s = d.imageSamples('door', new Date('2026-11-03T00:00:00Z'), new Date('2026-11-04T00:00:00Z'));
  const base = s.slice(0, 30).map((x) => decodeGrid(x.grid)!);
  const ref = base[0]!.map((_, i) => median(base.map((g) => g[i]!)));
  console.log(f, s.length, s.map((x) => gridCorrelation(decodeGrid(x.grid)!, ref).toFixed(2)).join(' '));
  console.log(detectTamper(s));
}
