/**
 * The one message catalogue: `t()` is the texts of the language in effect. The app's root is keyed
 * on the language (main.tsx), so a switch re-renders everything; read `t()` while rendering or
 * handling an event, never into a module-level constant (that would keep the first language).
 */
import { CATALOGUES } from './catalogues';
import { useLocale, formattingTag } from './locale';
import type { Messages } from './messages';

export type { Messages } from './messages';
export { LOCALES, LOCALE_CHOICES, useLocale, startLocale, effectiveLocale, osLocale, type Locale, type LocaleChoice } from './locale';

export { CATALOGUES } from './catalogues';

/** The texts in the language shown now. */
export function t(): Messages {
  return CATALOGUES[useLocale.getState().locale];
}

/** The BCP 47 tag for Intl formatting in the language shown now. */
export function localeTag(): string {
  return formattingTag(useLocale.getState().locale);
}
