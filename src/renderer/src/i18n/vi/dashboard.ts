/** Vietnamese texts of the dashboard area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const dashboard: Messages['dashboard'] = {
};
