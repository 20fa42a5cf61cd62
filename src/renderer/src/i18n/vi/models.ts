/** Vietnamese texts of the models area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const models: Messages['models'] = {
};
