import type { Kodi } from '../src/kodi/index.js';
import { dispatch } from './router.js';
import { routes } from './routes/index.js';

/** The plugin entry named in addon.xml: one call per `plugin://plugin.video.twitch/...` invocation. */
export default async function plugin(kodi: Kodi): Promise<void> {
  await dispatch(kodi, routes, (addon) => ({
    heading: addon.getAddonInfo('name'),
    unknownMode: (mode) => `This add-on has no page called "${mode}".`,
    missingArgument: (mode, names) => `"${mode}" needs ${names.join(', ')}.`,
  }));
}
