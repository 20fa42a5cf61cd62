import { describe, expect, it } from 'vitest';
import { lineWarnings } from './line-warnings';

describe('line warnings', () => {
  it('warns of a missing line, a zero-length one, one along the edge and one outside the picture', () => {
    expect(lineWarnings([], 768, 576)).toEqual(['This camera has no counting line: nothing will be counted.']);
    expect(lineWarnings([{ name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }], 768, 576)).toEqual([]);
    expect(lineWarnings([{ name: 'dot', x1: 100, y1: 100, x2: 103, y2: 102 }], 768, 576)).toEqual(['dot is too short to be crossed.']);
    expect(lineWarnings([{ name: 'top', x1: 0, y1: 1, x2: 768, y2: 2 }], 768, 576)).toEqual(['top lies along the edge of the picture: nobody can cross it.']);
    expect(lineWarnings([{ name: 'far', x1: 700, y1: 100, x2: 900, y2: 100 }], 768, 576)).toEqual(['far goes outside the picture (768×576).']);
  });
});
