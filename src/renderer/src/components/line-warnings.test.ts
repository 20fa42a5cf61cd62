import { describe, expect, it } from 'vitest';
import { geometryWarnings, lineWarnings, zoneWarnings } from './line-warnings';

describe('line warnings', () => {
  it('warns of a missing line, a zero-length one, one along the edge and one outside the picture', () => {
    expect(lineWarnings([], 768, 576)).toEqual(['This camera has no counting line: nothing will be counted.']);
    expect(lineWarnings([{ name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }], 768, 576)).toEqual([]);
    expect(lineWarnings([{ name: 'dot', x1: 100, y1: 100, x2: 103, y2: 102 }], 768, 576)).toEqual(['dot is too short to be crossed.']);
    expect(lineWarnings([{ name: 'top', x1: 0, y1: 1, x2: 768, y2: 2 }], 768, 576)).toEqual(['top lies along the edge of the picture: nobody can cross it.']);
    expect(lineWarnings([{ name: 'far', x1: 700, y1: 100, x2: 900, y2: 100 }], 768, 576)).toEqual(['far goes outside the picture (768×576).']);
  });

  it('before the picture size is known, warns only of what is certain (top and left edges, negative points)', () => {
    expect(lineWarnings([{ name: 'far', x1: 700, y1: 100, x2: 900, y2: 100 }], Infinity, Infinity)).toEqual([]);
    expect(lineWarnings([{ name: 'top', x1: 10, y1: 0, x2: 500, y2: 1 }], Infinity, Infinity)).toEqual(['top lies along the edge of the picture: nobody can cross it.']);
    expect(lineWarnings([{ name: 'neg', x1: -10, y1: 5, x2: 500, y2: 100 }], Infinity, Infinity)).toEqual(['neg goes outside the picture.']);
  });
});

describe('zone warnings', () => {
  it('warns of too few corners, no area and corners off the picture', () => {
    expect(zoneWarnings([{ name: 'till', polygon: [[0, 0], [100, 0], [100, 100]] }], 768, 576)).toEqual([]);
    expect(zoneWarnings([{ name: 'two', polygon: [[0, 0], [100, 0]] }], 768, 576)).toEqual(['two needs at least three corners.']);
    expect(zoneWarnings([{ name: 'flat', polygon: [[0, 0], [100, 0], [200, 0]] }], 768, 576)).toEqual(['flat is too small for anyone to stand in.']);
    expect(zoneWarnings([{ name: 'out', polygon: [[700, 0], [900, 0], [900, 100]] }], 768, 576)).toEqual(['out goes outside the picture (768×576).']);
  });

  it('says that a camera with zones but no line still counts who is inside', () => {
    expect(geometryWarnings([], [{ name: 'till', polygon: [[0, 0], [100, 0], [100, 100]] }], 768, 576)).toEqual([
      'This camera has no counting line: nobody is counted in or out (its zones still count who is inside).',
    ]);
    expect(geometryWarnings([], [], 768, 576)).toEqual(['This camera has no counting line: nothing will be counted.']);
  });
});
