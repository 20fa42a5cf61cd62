/** The languages the app speaks (pure: the catalogue, the language store and the tests share it). */
export const LOCALES = ['en', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];
