import { describe, expect, it } from 'vitest';
import { clampToPicture, flipLine, freeName, inArrow, insertCorner, insidePolygon, longestEdge, moveHandle, nearestHandle, removeCorner, type Drawing } from './geometry';

const drawing: Drawing = {
  lines: [{ key: 'a', name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }],
  zones: [{ key: 'z', name: 'till', points: [[0, 0], [100, 0], [100, 100], [0, 100]] }],
};

describe('drawing geometry', () => {
  it('picks the nearest point within reach and moves it', () => {
    expect(nearestHandle(drawing, 603, 148, 10)).toEqual({ kind: 'line', key: 'a', end: 0 });
    expect(nearestHandle(drawing, 98, 97, 10)).toEqual({ kind: 'zone', key: 'z', index: 2 });
    expect(nearestHandle(drawing, 300, 300, 10)).toBeNull();
    const moved = moveHandle(drawing, { kind: 'line', key: 'a', end: 1 }, [540, 120]);
    expect(moved.lines[0]).toMatchObject({ x1: 600, y1: 150, x2: 540, y2: 120 });
    expect(moveHandle(drawing, { kind: 'zone', key: 'z', index: 0 }, [5, 6]).zones[0]?.points[0]).toEqual([5, 6]);
    expect(clampToPicture(-4, 900.4, 768, 576)).toEqual([0, 576]);
  });

  it('points the IN arrow to the side counted as in, and flipping turns it round', () => {
    // 600,150 → 600,450 (downwards): walking toward larger x counts in (cross < 0 on that side),
    // as for the line 100,0 → 100,480 of docs/ARCHITECTURE.md.
    const a = inArrow(drawing.lines[0]!, 40);
    expect(a.from).toEqual([600, 300]);
    expect(a.to).toEqual([640, 300]);
    const cross = (x: number, y: number) => (600 - 600) * (y - 150) - (450 - 150) * (x - 600);
    expect(cross(a.to[0], a.to[1])).toBeLessThan(0);
    const flipped = flipLine(drawing, 'a').lines[0]!;
    expect(flipped).toMatchObject({ x1: 600, y1: 450, x2: 600, y2: 150 });
    expect(inArrow(flipped, 40).to).toEqual([560, 300]);
  });

  it('inserts a corner halfway along an edge and removes corners', () => {
    expect(insertCorner(drawing, 'z', 0).zones[0]?.points).toEqual([[0, 0], [50, 0], [100, 0], [100, 100], [0, 100]]);
    expect(insertCorner(drawing, 'z', 3).zones[0]?.points).toEqual([[0, 0], [100, 0], [100, 100], [0, 100], [0, 50]]);
    expect(removeCorner(drawing, 'z', 1).zones[0]?.points).toEqual([[0, 0], [100, 100], [0, 100]]);
    expect(longestEdge([[0, 0], [10, 0], [10, 100]])).toBe(2);
    expect(insidePolygon(drawing.zones[0]!.points, 50, 50)).toBe(true);
    expect(insidePolygon(drawing.zones[0]!.points, 150, 50)).toBe(false);
  });

  it('names new lines and zones after the free number', () => {
    expect(freeName('line', ['line1', 'door'])).toBe('line3');
    expect(freeName('zone', [])).toBe('zone1');
    expect(freeName('line', ['line2'])).toBe('line3');
  });
});
