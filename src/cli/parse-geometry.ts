import type { LineSpec, ZoneSpec } from '../engine/pipeline/frame-processor';
import { CliError } from './output';

function numbers(text: string, what: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new CliError('INVALID_GEOMETRY', `${what} must be numbers separated by commas, got "${text}"`);
  }
  return values;
}

/** `x1,y1,x2,y2` in the source's pixels. */
export function parseLine(text: string, index = 0): LineSpec {
  const v = numbers(text, '--line');
  if (v.length !== 4) throw new CliError('INVALID_GEOMETRY', `--line needs x1,y1,x2,y2, got "${text}"`);
  const [x1, y1, x2, y2] = v as [number, number, number, number];
  if (x1 === x2 && y1 === y2) throw new CliError('INVALID_GEOMETRY', '--line has zero length');
  return { id: null, name: `line${index + 1}`, x1, y1, x2, y2 };
}

/** `x,y;x,y;x,y…` in the source's pixels. */
export function parseZone(text: string, index = 0): ZoneSpec {
  const polygon = text
    .split(';')
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const v = numbers(p, '--zone point');
      if (v.length !== 2) throw new CliError('INVALID_GEOMETRY', `--zone points are x,y pairs separated by ";", got "${p}"`);
      return [v[0]!, v[1]!] as [number, number];
    });
  if (polygon.length < 3) throw new CliError('INVALID_GEOMETRY', '--zone needs at least 3 points');
  return { id: null, name: `zone${index + 1}`, polygon };
}
