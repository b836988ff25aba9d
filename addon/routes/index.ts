import type { Route } from '../router.js';
import { deviceLoginRoute } from './device-login.js';
import { mainRoute } from './main.js';
import { revokeTokenRoute } from './revoke-token.js';
import { settingsRoute } from './settings.js';
import { updateTokenRoute } from './update-token.js';

/** Every mode this add-on serves. */
export const routes: Readonly<Record<string, Route>> = {
  main: mainRoute,
  device_login: deviceLoginRoute,
  revoke_token: revokeTokenRoute,
  update_token: updateTokenRoute,
  settings: settingsRoute,
};
