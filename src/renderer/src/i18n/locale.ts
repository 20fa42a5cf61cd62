/**
 * Which language the app speaks: the OS's (navigator.languages) unless Settings chose one, kept on
 * this computer (localStorage). The choice is `lang` on <html>, so screen readers and axe know it.
 */
import { create } from 'zustand';
import { LOCALES, type Locale } from './locales';

export { LOCALES, type Locale } from './locales';
export type LocaleChoice = 'system' | Locale;
export const LOCALE_CHOICES: readonly LocaleChoice[] = ['system', ...LOCALES];

const KEY = 'footfall.locale';
const FALLBACK: Locale = 'en';

const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/** The OS's preferred languages, most preferred first (BCP 47 tags). */
function osLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The first of the OS's languages the app has, else English. */
export function osLocale(languages: readonly string[] = osLanguages()): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return FALLBACK;
}

function stored(): LocaleChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return isLocale(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

export const effectiveLocale = (choice: LocaleChoice): Locale => (choice === 'system' ? osLocale() : choice);

/**
 * The tag numbers and dates are written with: the OS's own (its region's habits) when it speaks the
 * app's language, else the language alone — a Vietnamese screen on an en-US computer writes
 * "1.234,5" and "1 thg 12, 2026", not a mix of both.
 */
export function formattingTag(locale: Locale, languages: readonly string[] = osLanguages()): string {
  const os = languages.find((tag) => tag.toLowerCase().split('-')[0] === locale);
  return os ?? (locale === 'vi' ? 'vi-VN' : 'en');
}

interface LocaleState {
  choice: LocaleChoice;
  /** The language shown: the choice, or the OS's when following it. */
  locale: Locale;
  choose(choice: LocaleChoice): void;
}

function apply(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export const useLocale = create<LocaleState>()((set) => ({
  choice: 'system',
  locale: FALLBACK,
  choose(choice) {
    try {
      if (choice === 'system') window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, choice);
    } catch {
      // storage off (private window): the choice lasts this session
    }
    const locale = effectiveLocale(choice);
    apply(locale);
    set({ choice, locale });
  },
}));

/** Applies the stored choice and follows OS changes; called once at start, before the first render. */
export function startLocale(): void {
  const choice = stored();
  const locale = effectiveLocale(choice);
  apply(locale);
  useLocale.setState({ choice, locale });
  window.addEventListener('languagechange', () => {
    const { choice: current } = useLocale.getState();
    const next = effectiveLocale(current);
    apply(next);
    useLocale.setState({ locale: next });
  });
}
