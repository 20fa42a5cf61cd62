/** Vietnamese texts of the audit area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const audit: Messages['audit'] = {
};
