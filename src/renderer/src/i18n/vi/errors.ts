/** Vietnamese texts of the errors area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const errors: Messages['errors'] = {
};
