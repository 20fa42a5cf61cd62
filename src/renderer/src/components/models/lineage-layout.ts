/**
 * Where each node of the lineage graph goes (pure): one row ("lane") per branch, main first, and
 * one column per node in the order they were recorded, so a parent is always left of its child.
 */
import type { LineageEdgeDto, LineageMergeDto, LineageVersionDto, ModelLineageDto } from '../../../../shared/dto-model-lineage';

export const GRAPH = { left: 96, top: 34, column: 132, lane: 78, radius: 11, right: 56, bottom: 40 } as const;

export type LineageNode =
  | { kind: 'version'; id: string; lane: number; column: number; x: number; y: number; version: LineageVersionDto }
  | { kind: 'merge'; id: string; lane: number; column: number; x: number; y: number; merge: LineageMergeDto };

export interface LineageLink {
  edge: LineageEdgeDto;
  from: LineageNode;
  to: LineageNode;
  /** An SVG path from the edge of one circle to the edge of the other. */
  d: string;
}

export interface LineageLayout {
  lanes: Array<{ branch: string; y: number }>;
  nodes: LineageNode[];
  links: LineageLink[];
  width: number;
  height: number;
}

/** Main first, then the other branches in the order they were created (then by name). */
function laneOrder(l: ModelLineageDto): string[] {
  const names = new Set<string>();
  for (const v of l.versions) names.add(v.branch ?? 'main');
  for (const m of l.merges) {
    names.add(m.into);
    names.add(m.branch);
  }
  const created = new Map(l.branches.map((b) => [b.name, b.createdAt]));
  return [...names].sort((a, b) => {
    if (a === 'main' || b === 'main') return a === 'main' ? -1 : 1;
    return (created.get(a) ?? '').localeCompare(created.get(b) ?? '') || a.localeCompare(b);
  });
}

function pathBetween(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const r = GRAPH.radius + 2;
  if (a.y === b.y) return `M ${a.x + r} ${a.y} L ${b.x - r - 4} ${b.y}`;
  // Leave to the right, arrive from the left: a smooth S between two lanes.
  const start = { x: a.x + r * 0.7, y: a.y + (b.y > a.y ? r * 0.7 : -r * 0.7) };
  const end = { x: b.x - r - 4, y: b.y };
  const mid = (start.x + end.x) / 2;
  return `M ${start.x} ${start.y} C ${mid} ${start.y}, ${mid} ${end.y}, ${end.x} ${end.y}`;
}

export function layoutLineage(l: ModelLineageDto): LineageLayout {
  const lanes = laneOrder(l);
  const laneOf = (branch: string | null): number => Math.max(0, lanes.indexOf(branch ?? 'main'));
  const items: Array<{ at: string; order: number; make: (column: number) => LineageNode }> = [];
  l.versions.forEach((v, i) =>
    items.push({
      at: v.createdAt,
      order: i,
      make: (column) => ({ kind: 'version', id: v.versionNumber, lane: laneOf(v.branch), column, ...xy(laneOf(v.branch), column), version: v }),
    }),
  );
  l.merges.forEach((m, i) =>
    items.push({
      at: m.createdAt,
      order: l.versions.length + i,
      make: (column) => ({ kind: 'merge', id: m.id, lane: laneOf(m.into), column, ...xy(laneOf(m.into), column), merge: m }),
    }),
  );
  items.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  const nodes = items.map((item, column) => item.make(column));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links: LineageLink[] = [];
  for (const edge of l.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (from && to) links.push({ edge, from, to, d: pathBetween(from, to) });
  }
  const columns = Math.max(1, nodes.length);
  return {
    lanes: lanes.map((branch, i) => ({ branch, y: GRAPH.top + i * GRAPH.lane })),
    nodes,
    links,
    width: GRAPH.left + (columns - 1) * GRAPH.column + GRAPH.right + 40,
    height: GRAPH.top + (lanes.length - 1) * GRAPH.lane + GRAPH.bottom,
  };
}

function xy(lane: number, column: number): { x: number; y: number } {
  return { x: GRAPH.left + column * GRAPH.column, y: GRAPH.top + lane * GRAPH.lane };
}

/** A label that fits under a node (the full name is in its accessible name and tooltip). */
export function shortLabel(text: string, max = 17): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
