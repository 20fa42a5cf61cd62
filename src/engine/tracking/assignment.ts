import { boxIou } from '../vision/box';
import { growFloat64, growInt32 } from './scratch-buffers';

/**
 * IoU costs and an exact linear assignment with a cost limit, as ByteTrack's
 * `matching.linear_assignment` gets from `lap.lapjv(cost, extend_cost=True, cost_limit=thresh)`.
 *
 * Hand-written because npm has no maintained linear-assignment solver for plain TypeScript (the
 * packages there are unmaintained, numeric-array based, or native/WASM builds that would break the
 * "pure, runs anywhere" rule of src/engine/tracking). The solver is the shortest-augmenting-path
 * Hungarian method with dual potentials — the same augmentation Jonker–Volgenant use, without
 * their initialisation heuristics — O(n²·m) for an n×m block (n ≤ m).
 *
 * Cost limit: a pair may match only if cost < threshold. Solving with cost' = min(cost − threshold,
 * 0) over all rows is equivalent to lapjv's extended matrix: any full row assignment of cost' has
 * the value of the partial matching made of its feasible pairs, so the optimum of one is the
 * optimum of the other. Infeasible pairs never couple rows and columns, so the problem splits into
 * connected components of feasible pairs; people spread over a frame give mostly 1×1 components,
 * which is what keeps 100 people far below a millisecond.
 */

/** Height ratio between a track's predicted box and a detection above which they cannot match. */
export const MAX_HEIGHT_RATIO = 1.6;

/**
 * Fills `out` (rows×cols, row-major) with 1 − IoU between row boxes (4 numbers each, contiguous)
 * and column boxes taken from `colXyxy` at the detection indices `colIndex`. With `colScores`,
 * ByteTrack's `fuse_score`: cost = 1 − IoU·score, so a confident detection wins a tie.
 *
 * With `partialRatio` > 0, a detection shorter than partialRatio × the track's height, and marked
 * in `occludedBelow` (someone nearer the camera covers its lower edge), may be the visible top of
 * that person (from a raised camera, whoever stands nearer hides the legs of whoever is behind):
 * it is compared with the track's box cut to the detection's height from the top, and the better
 * of that and the plain IoU is used. Other pairs fall under the height gate.
 */
export function fillIouCost(
  out: Float64Array,
  rowBoxes: ArrayLike<number>,
  rows: number,
  colXyxy: ArrayLike<number>,
  colIndex: ArrayLike<number>,
  cols: number,
  colScores: ArrayLike<number> | null,
  partialRatio = 0,
  occludedBelow: ArrayLike<number> | null = null,
): Float64Array {
  for (let r = 0; r < rows; r++) {
    const ax1 = rowBoxes[r * 4]!;
    const ay1 = rowBoxes[r * 4 + 1]!;
    const ax2 = rowBoxes[r * 4 + 2]!;
    const ay2 = rowBoxes[r * 4 + 3]!;
    const hA = ay2 - ay1;
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const d = colIndex[c]!;
      const o = d * 4;
      const by1 = colXyxy[o + 1]!;
      let iou = boxIou(ax1, ay1, ax2, ay2, colXyxy[o]!, by1, colXyxy[o + 2]!, colXyxy[o + 3]!);
      // Most pairs in a crowd do not overlap at all.
      if (!(iou > 0)) {
        out[base + c] = 1;
        continue;
      }
      const hB = colXyxy[o + 3]! - by1;
      if (partialRatio > 0 && hB < partialRatio * hA && occludedBelow !== null && occludedBelow[d]) {
        const top = boxIou(ax1, ay1, ax2, ay1 + hB, colXyxy[o]!, by1, colXyxy[o + 2]!, colXyxy[o + 3]!);
        if (top > iou) iou = top;
      } else if (hA > MAX_HEIGHT_RATIO * hB || hB > MAX_HEIGHT_RATIO * hA) {
        // A person's box does not change height this much between two frames; when it does, the
        // detector has merged two people into one box (or split one), and letting the track follow
        // that box would hand one person's track to another and corrupt its count.
        out[base + c] = 1;
        continue;
      }
      if (colScores) iou *= colScores[d]!;
      out[base + c] = 1 - iou;
    }
  }
  return out;
}

/**
 * Reusable solver: scratch buffers grow to the largest problem seen and are then reused, so the
 * tracker's per-frame calls allocate nothing once warm.
 */
export class LinearAssignment {
  private parent = new Int32Array(64);
  private root = new Int32Array(64);
  private start = new Int32Array(64);
  private order = new Int32Array(64);
  private local = new Float64Array(256);
  private localRows = new Int32Array(32);
  private localCols = new Int32Array(32);
  private u = new Float64Array(32);
  private v = new Float64Array(32);
  private p = new Int32Array(32);
  private way = new Int32Array(32);
  private minv = new Float64Array(32);
  private used = new Int32Array(32);

  /**
   * Minimum-cost matching between `rows` and `cols` (cost row-major, rows×cols) using only pairs
   * with cost < threshold. Writes rowToCol (length ≥ rows) and colToRow (length ≥ cols), -1 for
   * unmatched, and returns the number of matches. Deterministic: ties go to lower indices.
   */
  solve(
    cost: ArrayLike<number>,
    rows: number,
    cols: number,
    threshold: number,
    rowToCol: Int32Array,
    colToRow: Int32Array,
  ): number {
    rowToCol.fill(-1, 0, rows);
    colToRow.fill(-1, 0, cols);
    if (rows === 0 || cols === 0) return 0;
    const nodes = rows + cols;
    this.parent = growInt32(this.parent, nodes);
    this.root = growInt32(this.root, nodes);
    this.start = growInt32(this.start, nodes + 1);
    this.order = growInt32(this.order, nodes);
    const parent = this.parent;
    for (let i = 0; i < nodes; i++) parent[i] = i;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x = cost[r * cols + c]!;
        if (x < threshold) this.union(r, rows + c);
      }
    }
    // Group nodes by component root with a counting sort (no per-component arrays).
    const root = this.root;
    const start = this.start;
    start.fill(0, 0, nodes + 1);
    for (let i = 0; i < nodes; i++) {
      const r = this.find(i);
      root[i] = r;
      start[r + 1] = start[r + 1]! + 1;
    }
    for (let i = 0; i < nodes; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const fill = this.parent; // union-find is finished; reuse its buffer as fill cursors
    for (let i = 0; i < nodes; i++) fill[i] = start[i]!;
    for (let i = 0; i < nodes; i++) {
      const r = root[i]!;
      this.order[fill[r]!] = i;
      fill[r] = fill[r]! + 1;
    }
    let matches = 0;
    for (let r = 0; r < nodes; r++) {
      const from = start[r]!;
      const to = start[r + 1]!;
      if (to - from < 2) continue;
      matches += this.solveComponent(cost, rows, cols, threshold, from, to, rowToCol, colToRow);
    }
    return matches;
  }

  private find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const g = parent[parent[i]!]!;
      parent[i] = g; // path halving keeps the trees flat
      i = g;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller index becomes the root so the grouping order is deterministic.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }

  private solveComponent(
    cost: ArrayLike<number>,
    rows: number,
    cols: number,
    threshold: number,
    from: number,
    to: number,
    rowToCol: Int32Array,
    colToRow: Int32Array,
  ): number {
    // Nodes are sorted ascending, so the component's rows come first, then its columns.
    let nr = 0;
    let nc = 0;
    this.localRows = growInt32(this.localRows, to - from);
    this.localCols = growInt32(this.localCols, to - from);
    for (let k = from; k < to; k++) {
      const node = this.order[k]!;
      if (node < rows) this.localRows[nr++] = node;
      else this.localCols[nc++] = node - rows;
    }
    if (nr === 1 && nc === 1) {
      // Connected by construction, so the single pair is feasible.
      rowToCol[this.localRows[0]!] = this.localCols[0]!;
      colToRow[this.localCols[0]!] = this.localRows[0]!;
      return 1;
    }
    const transposed = nr > nc;
    const n = transposed ? nc : nr;
    const m = transposed ? nr : nc;
    this.local = growFloat64(this.local, n * m);
    const a = this.local;
    for (let i = 0; i < nr; i++) {
      for (let j = 0; j < nc; j++) {
        const x = cost[this.localRows[i]! * cols + this.localCols[j]!]!;
        const reduced = x < threshold ? x - threshold : 0;
        if (transposed) a[j * m + i] = reduced;
        else a[i * m + j] = reduced;
      }
    }
    this.hungarian(a, n, m);
    let matches = 0;
    const p = this.p;
    for (let j = 1; j <= m; j++) {
      const i = p[j]!;
      if (i === 0) continue;
      const lr = transposed ? j - 1 : i - 1;
      const lc = transposed ? i - 1 : j - 1;
      const row = this.localRows[lr]!;
      const col = this.localCols[lc]!;
      if (!(cost[row * cols + col]! < threshold)) continue; // filler pair, not a match
      rowToCol[row] = col;
      colToRow[col] = row;
      matches++;
    }
    return matches;
  }

  /**
   * Shortest augmenting path Hungarian method for n ≤ m (1-based internally). After it, p[j] is
   * the row (1..n) assigned to column j (1..m), or 0.
   */
  private hungarian(a: Float64Array, n: number, m: number): void {
    this.u = growFloat64(this.u, n + 1);
    this.v = growFloat64(this.v, m + 1);
    this.p = growInt32(this.p, m + 1);
    this.way = growInt32(this.way, m + 1);
    this.minv = growFloat64(this.minv, m + 1);
    this.used = growInt32(this.used, m + 1);
    const { u, v, p, way, minv, used } = this;
    u.fill(0, 0, n + 1);
    v.fill(0, 0, m + 1);
    p.fill(0, 0, m + 1);
    way.fill(0, 0, m + 1);
    for (let i = 1; i <= n; i++) {
      p[0] = i;
      let j0 = 0;
      minv.fill(Infinity, 0, m + 1);
      used.fill(0, 0, m + 1);
      do {
        used[j0] = 1;
        const i0 = p[j0]!;
        let delta = Infinity;
        let j1 = 0;
        for (let j = 1; j <= m; j++) {
          if (used[j]) continue;
          const cur = a[(i0 - 1) * m + (j - 1)]! - u[i0]! - v[j]!;
          if (cur < minv[j]!) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j]! < delta) {
            delta = minv[j]!;
            j1 = j;
          }
        }
        for (let j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]!] = u[p[j]!]! + delta;
            v[j] = v[j]! - delta;
          } else {
            minv[j] = minv[j]! - delta;
          }
        }
        j0 = j1;
      } while (p[j0] !== 0);
      do {
        const j1 = way[j0]!;
        p[j0] = p[j1]!;
        j0 = j1;
      } while (j0 !== 0);
    }
  }
}

export interface AssignmentResult {
  /** [row, col] pairs, ordered by row. */
  matches: Array<[number, number]>;
  unmatchedRows: number[];
  unmatchedCols: number[];
}

/** Convenience form over a nested array (tests, tools); the tracker uses LinearAssignment directly. */
export function linearAssignment(cost: ReadonlyArray<ReadonlyArray<number>>, threshold: number): AssignmentResult {
  const rows = cost.length;
  const cols = rows > 0 ? cost[0]!.length : 0;
  const flat = new Float64Array(rows * cols);
  cost.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`linearAssignment: row ${r} has ${row.length} columns, expected ${cols}`);
    row.forEach((x, c) => (flat[r * cols + c] = x));
  });
  const rowToCol = new Int32Array(rows);
  const colToRow = new Int32Array(cols);
  new LinearAssignment().solve(flat, rows, cols, threshold, rowToCol, colToRow);
  const matches: Array<[number, number]> = [];
  const unmatchedRows: number[] = [];
  const unmatchedCols: number[] = [];
  rowToCol.forEach((c, r) => (c >= 0 ? matches.push([r, c]) : unmatchedRows.push(r)));
  colToRow.forEach((r, c) => {
    if (r < 0) unmatchedCols.push(c);
  });
  return { matches, unmatchedRows, unmatchedCols };
}
