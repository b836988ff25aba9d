import type { Kodi } from '../src/kodi/index.js';
import { parsePluginQuery, type Params } from './plugin-query.js';

/** What a route gets: the invocation's Kodi, its handle and its coerced arguments. */
export interface RouteContext {
  kodi: Kodi;
  handle: number;
  params: Params;
  /** `plugin://plugin.video.twitch/`: the base for links to other routes. */
  base: string;
  addon: InstanceType<Kodi['xbmcaddon']['Addon']>;
}

export interface Route {
  /** Arguments without which the route cannot run; a missing one is the user's error, not a crash. */
  required?: readonly string[];
  /**
   * Whether this mode lists a directory (it ends it itself) or runs an action; after an action the
   * router ends the directory with its result, so Kodi is not left waiting when it was opened as one.
   */
  directory: boolean;
  /** Resolves `false` when an action failed (already shown to the user). */
  run(context: RouteContext): Promise<boolean | void>;
}

/** Mode → loader of its route. */
export type RouteTable = Readonly<Record<string, () => Promise<Route>>>;

export interface RouterMessages {
  heading: string;
  unknownMode(mode: string): string;
  missingArgument(mode: string, names: string[]): string;
}

/**
 * Dispatches one plugin invocation to its route by `mode` (none = `main`). A URL the add-on cannot
 * serve gets a dialog and a failed directory, as Kodi users expect, and is reported to the harness.
 */
export async function dispatch(
  kodi: Kodi,
  routes: RouteTable,
  messages: (addon: RouteContext['addon']) => RouterMessages,
): Promise<void> {
  const [base = '', handleText = '-1', query = ''] = kodi.sys.argv;
  const handle = Number.parseInt(handleText, 10);
  const params = parsePluginQuery(query);
  const addon = new kodi.xbmcaddon.Addon();
  const modeParam = params.mode;
  const mode = modeParam === undefined || modeParam === null || modeParam === '' ? 'main' : String(modeParam);
  const route = Object.hasOwn(routes, mode) ? await routes[mode]!() : undefined;
  const text = messages(addon);
  if (!route) return refuse(kodi, handle, text.heading, text.unknownMode(mode));
  const missing = (route.required ?? []).filter((name) => {
    const v = params[name];
    return v === undefined || v === null || v === '';
  });
  if (missing.length > 0) return refuse(kodi, handle, text.heading, text.missingArgument(mode, missing));
  const succeeded = await route.run({ kodi, handle, params, base, addon });
  if (!route.directory && handle >= 0) kodi.xbmcplugin.endOfDirectory(handle, succeeded !== false, false, false);
}

async function refuse(kodi: Kodi, handle: number, heading: string, message: string): Promise<void> {
  kodi.shim.reportBadRequest(message);
  kodi.xbmc.log(`[plugin.video.twitch] refused ${kodi.sys.argv[2] ?? ''}: ${message}`, kodi.xbmc.LOGINFO);
  await new kodi.xbmcgui.Dialog().ok(heading, message);
  if (handle >= 0) kodi.xbmcplugin.endOfDirectory(handle, false);
}
