import { isOneOf } from '../shared/enums';
import { CliError } from './output';

/** Leaves out the options that were not given, so a request carries only what the user said. */
export function defined<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/** An option that must be one of a list (exit 2 with the list when it is not); undefined passes. */
export function oneOf<const L extends readonly string[]>(list: L, text: string | undefined, flag: string): L[number] | undefined {
  if (text === undefined) return undefined;
  if (!isOneOf(list, text)) throw new CliError('VALIDATION', `${flag} must be one of ${list.join(', ')}, got "${text}"`, 2);
  return text;
}

/** A numeric option within bounds (exit 2 saying which bounds when it is not); undefined passes. */
export function numberOption(text: string | undefined, flag: string, o: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  const bad = text.trim() === '' || !Number.isFinite(v) || (o.integer && !Number.isInteger(v)) || (o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max);
  if (bad) {
    const range = `${o.min !== undefined ? ` from ${o.min}` : ''}${o.max !== undefined ? ` to ${o.max}` : ''}`;
    throw new CliError('VALIDATION', `${flag} must be ${o.integer ? 'a whole number' : 'a number'}${range}, got "${text}"`, 2);
  }
  return v;
}
