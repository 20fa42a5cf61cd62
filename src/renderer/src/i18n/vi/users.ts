/** Vietnamese texts of the users area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const users: Messages['users'] = {
};
