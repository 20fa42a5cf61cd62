/**
 * Light or dark: follows the OS (prefers-color-scheme) unless the Settings page chose one, kept
 * on this computer (localStorage). The choice is `data-theme` on <html>; the stylesheet does the rest.
 */
import { create } from 'zustand';
import { Chart } from '../components/chart-setup';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'footfall.theme';

function stored(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const darkQuery = (): MediaQueryList | null => (typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null);

/** The theme in effect for a choice (the OS's for 'system'). */
export function effectiveTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return darkQuery()?.matches ? 'dark' : 'light';
}

function apply(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  // Charts read their text and grid colours once per draw from chart.js's defaults.
  const dark = effectiveTheme(choice) === 'dark';
  Chart.defaults.color = dark ? '#cbd5e1' : '#334155';
  Chart.defaults.borderColor = dark ? 'rgba(148, 163, 184, 0.25)' : 'rgba(0, 0, 0, 0.1)';
}

interface ThemeState {
  choice: ThemeChoice;
  /** What is shown now: the choice, or the OS's theme when following it. */
  effective: 'light' | 'dark';
  choose(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeState>()((set) => ({
  choice: 'system',
  effective: 'light',
  choose(choice) {
    try {
      if (choice === 'system') window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, choice);
    } catch {
      // storage off (private window): the choice lasts this session
    }
    apply(choice);
    set({ choice, effective: effectiveTheme(choice) });
  },
}));

/** Applies the stored choice and follows OS changes; called once at start. */
export function startTheme(): void {
  const choice = stored();
  apply(choice);
  useTheme.setState({ choice, effective: effectiveTheme(choice) });
  darkQuery()?.addEventListener('change', () => {
    const { choice: current } = useTheme.getState();
    apply(current);
    useTheme.setState({ effective: effectiveTheme(current) });
  });
}
