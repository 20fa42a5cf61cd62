/** Vietnamese texts of the experiments area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const experiments: Messages['experiments'] = {
};
