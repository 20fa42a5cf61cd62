/** Errors from result envelopes, shown in the banner; nothing here ever throws. */
import { create } from 'zustand';
import type { AppErrorShape } from '../../../shared/result';

export interface ErrorEntry {
  id: number;
  /** What was being done, e.g. "Loading cameras". */
  context: string;
  error: AppErrorShape;
}

interface ErrorState {
  errors: ErrorEntry[];
  report(context: string, error: AppErrorShape): void;
  dismiss(id: number): void;
  /** The same thing worked later: its failure is no longer news. */
  clearContext(context: string): void;
  /** The connection is back: every "cannot reach the server" entry goes. */
  clearUnavailable(): void;
}

let nextId = 1;
const MAX_SHOWN = 5;

export const useErrors = create<ErrorState>()((set) => ({
  errors: [],
  report(context, error) {
    set((state) => {
      // The same failure repeated (a retrying page) replaces the old entry instead of piling up.
      const rest = state.errors.filter((e) => !(e.context === context && e.error.code === error.code && e.error.message === error.message));
      return { errors: [...rest, { id: nextId++, context, error }].slice(-MAX_SHOWN) };
    });
  },
  dismiss(id) {
    set((state) => ({ errors: state.errors.filter((e) => e.id !== id) }));
  },
  clearContext(context) {
    set((state) => (state.errors.some((e) => e.context === context) ? { errors: state.errors.filter((e) => e.context !== context) } : state));
  },
  clearUnavailable() {
    set((state) => (state.errors.some((e) => e.error.code === 'UNAVAILABLE') ? { errors: state.errors.filter((e) => e.error.code !== 'UNAVAILABLE') } : state));
  },
}));

export const clearErrors = (context: string): void => useErrors.getState().clearContext(context);

export const reportError = (context: string, error: AppErrorShape): void => useErrors.getState().report(context, error);
