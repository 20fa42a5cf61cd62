/** Errors from result envelopes, shown in the banner; nothing here ever throws. */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/result';

/**
 * What was being done, e.g. "Loading cameras": a text, or a function giving it in the language
 * shown (stores made at module load pass `() => t().area.loading`, so an entry reported before a
 * language switch is shown, and cleared, in the new language).
 */
export type ErrorContext = string | (() => string);

export const contextText = (context: ErrorContext): string => (typeof context === 'function' ? context() : context);

export interface ErrorEntry {
  id: number;
  context: ErrorContext;
  error: AppErrorShape;
}

interface ErrorState {
  errors: ErrorEntry[];
  report(context: ErrorContext, error: AppErrorShape): void;
  dismiss(id: number): void;
  /** The same thing worked later: its failure is no longer news. */
  clearContext(context: ErrorContext): void;
  /** The connection is back: every "cannot reach the server" entry goes. */
  clearUnavailable(): void;
}

let nextId = 1;
const MAX_SHOWN = 5;

export const useErrors = create<ErrorState>()((set) => ({
  errors: [],
  report(context, error) {
    const text = contextText(context);
    set((state) => {
      // The same failure repeated (a retrying page) replaces the old entry instead of piling up.
      const rest = state.errors.filter((e) => !(contextText(e.context) === text && e.error.code === error.code && e.error.message === error.message));
      return { errors: [...rest, { id: nextId++, context, error }].slice(-MAX_SHOWN) };
    });
  },
  dismiss(id) {
    set((state) => ({ errors: state.errors.filter((e) => e.id !== id) }));
  },
  clearContext(context) {
    // Compared as texts in the language shown: a function and the text it gives are the same context.
    const text = contextText(context);
    set((state) => (state.errors.some((e) => contextText(e.context) === text) ? { errors: state.errors.filter((e) => contextText(e.context) !== text) } : state));
  },
  clearUnavailable() {
    set((state) => (state.errors.some((e) => e.error.code === 'UNAVAILABLE') ? { errors: state.errors.filter((e) => e.error.code !== 'UNAVAILABLE') } : state));
  },
}));

export const clearErrors = (context: ErrorContext): void => useErrors.getState().clearContext(context);

export const reportError = (context: ErrorContext, error: AppErrorShape): void => useErrors.getState().report(context, error);
