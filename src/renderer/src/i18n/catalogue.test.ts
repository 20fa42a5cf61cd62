/**
 * The catalogue is complete in every language: the same keys as English (the compiler checks
 * the types; this checks the values too), no empty text, and no English left untranslated.
 */
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';
import { osLocale } from './locale';

type Tree = { [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** Words that are the same in both languages: names, units and abbreviations. */
const SAME_IN_BOTH = new Set(['Footfall', 'Camera', 'ROI', 'CSV', 'JSON', 'RTSP', 'USB', 'MJPEG', 'HTTP', 'ONNX', 'F1', 'PSI', 'KS', 'CPU', 'GPU', 'RAM', 'IoU', 'mAP', 'fps', 'ms', 'p50', 'p95', 'A/B', 'URL', 'ID', 'Email', 'Admin', 'OK']);

describe('message catalogue', () => {
  const english = leaves(en);
  const vietnamese = leaves(vi);

  it('has every English key in Vietnamese, and no other', () => {
    expect([...vietnamese.keys()].sort()).toEqual([...english.keys()].sort());
    // Every area has moved in (about 1,700 texts): a catalogue emptied by mistake fails here.
    expect(english.size).toBeGreaterThan(1500);
  });

  it('has a text of the same kind for every key (a string, or a function of the same values)', () => {
    const mismatched: string[] = [];
    for (const [key, value] of english) {
      const other = vietnamese.get(key);
      if (typeof value !== typeof other) mismatched.push(`${key}: ${typeof value} vs ${typeof other}`);
      else if (typeof value === 'function' && typeof other === 'function' && value.length !== other.length) mismatched.push(`${key}: ${value.length} vs ${other.length} values`);
      else if (typeof value === 'string' && (value.trim() === '' || String(other).trim() === '')) mismatched.push(`${key}: empty`);
      else if (Array.isArray(value) && (!Array.isArray(other) || other.length !== value.length)) mismatched.push(`${key}: list of another length`);
    }
    expect(mismatched).toEqual([]);
  });

  it('leaves no English sentence untranslated in Vietnamese', () => {
    const untranslated: string[] = [];
    for (const [key, value] of english) {
      if (typeof value !== 'string') continue;
      const words = value.match(/\p{L}{2,}/gu) ?? [];
      if (words.length === 0 || words.every((w) => SAME_IN_BOTH.has(w) || SAME_IN_BOTH.has(w.charAt(0).toUpperCase() + w.slice(1)))) continue;
      if (vietnamese.get(key) === value) untranslated.push(`${key}: ${value}`);
    }
    expect(untranslated).toEqual([]);
  });

  it('picks the first of the OS languages the app speaks, else English', () => {
    expect(osLocale(['vi-VN', 'en-US'])).toBe('vi');
    expect(osLocale(['fr-FR', 'vi'])).toBe('vi');
    expect(osLocale(['en-GB'])).toBe('en');
    expect(osLocale(['de-DE'])).toBe('en');
    expect(osLocale([])).toBe('en');
  });
});
