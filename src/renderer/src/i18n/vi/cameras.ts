/** Vietnamese texts of the cameras area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const cameras: Messages['cameras'] = {
};
