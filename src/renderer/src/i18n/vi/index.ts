/** The Vietnamese catalogue (tiếng Việt), one file per area, typed against the English one. */
import type { Messages } from '../messages';
import { common } from './common';
import { shell } from './shell';
import { live } from './live';
import { cameras } from './cameras';
import { dashboard } from './dashboard';
import { models } from './models';
import { experiments } from './experiments';
import { health } from './health';
import { settings } from './settings';
import { review } from './review';
import { users } from './users';
import { audit } from './audit';
import { errors } from './errors';

export const vi: Messages = { common, shell, live, cameras, dashboard, models, experiments, health, settings, review, users, audit, errors };
