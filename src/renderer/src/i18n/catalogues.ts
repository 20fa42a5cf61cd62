/** Every language's catalogue by locale (pure data: tests read it without a browser). */
import { en } from './en';
import type { Locale } from './locales';
import type { Messages } from './messages';
import { vi } from './vi';

export const CATALOGUES: Record<Locale, Messages> = { en, vi };
