/** Vietnamese texts of the settings area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const settings: Messages['settings'] = {
};
