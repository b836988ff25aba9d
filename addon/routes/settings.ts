import type { Route } from '../router.js';

/** `mode=settings`: opens the add-on's settings dialog. */
export const settingsRoute: Route = {
  directory: false,
  async run({ addon }) {
    addon.openSettings();
    return true;
  },
};
