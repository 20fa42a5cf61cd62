/** Vietnamese texts of the health area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const health: Messages['health'] = {
};
