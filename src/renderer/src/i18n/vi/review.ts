/** Vietnamese texts of the review area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const review: Messages['review'] = {
};
