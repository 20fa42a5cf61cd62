/** Vietnamese texts of the shell area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const shell: Messages['shell'] = {
};
