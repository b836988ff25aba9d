import type { Kodi } from '../src/kodi/index.js';
import { t } from './i18n.js';
import { dispatch } from './router.js';
import { routes } from './routes/index.js';

/** The plugin entry named in addon.xml: one call per `plugin://plugin.video.twitch/...` invocation. */
export default async function plugin(kodi: Kodi): Promise<void> {
  await dispatch(kodi, routes, (addon) => ({
    heading: t(addon, 'ERROR_HEADING'),
    unknownMode: (mode) => t(addon, 'UNKNOWN_MODE', mode),
    missingArgument: (_mode, names) => t(addon, 'MISSING_ARGUMENT', names.join(', ')),
  }));
}
