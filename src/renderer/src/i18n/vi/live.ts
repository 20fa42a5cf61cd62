/** Vietnamese texts of the live area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const live: Messages['live'] = {
};
