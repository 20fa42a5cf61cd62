/**
 * The shape of the message catalogue: whatever the English one has. A text is a string, or a
 * function of its values when words depend on them (counts, names), so each language orders and
 * inflects them itself; no placeholder syntax to parse and no key can be missing or misspelt.
 */
import type { en } from './en';

export type Messages = typeof en;
