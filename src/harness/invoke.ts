import { ErrorCodes, ShimError } from '../host/errors.js';
import type { Host } from '../host/host.js';
import type { LogRecord } from '../host/log.js';
import type { DialogShown, NotificationShown } from '../host/ui.js';
import { createKodi, type Kodi } from '../kodi/index.js';
import { Invocation, type DirectoryItem, type DirectoryRecord } from '../kodi/invocation.js';
import { loadAddonEntry } from './entry-loader.js';
import { parsePluginUrl } from './plugin-url.js';

/** What one plugin invocation produced; `kodi-shim run --json` prints exactly this. */
export interface InvocationResult {
  url: string;
  handle: number;
  /** True when the add-on ended its directory successfully or resolved a playable item. */
  succeeded: boolean;
  items: DirectoryItem[];
  resolved: DirectoryRecord['resolved'];
  content: string | null;
  sortMethods: number[];
  dialogs: DialogShown[];
  notifications: NotificationShown[];
  builtins: string[];
  log: LogRecord[];
  /** Why the invocation failed, when it did. */
  failure: { code: string; message: string } | null;
  /** Set when the add-on judged the URL itself bad (unknown mode, missing argument). */
  badRequest: string | null;
}

/**
 * Runs `plugin://…` once, as Kodi does: a fresh context with `sys.argv`, a new handle, and a wait for
 * `endOfDirectory` or `setResolvedUrl`. Never throws for add-on failures: they are in the result.
 */
export async function runPlugin(
  host: Host,
  url: string,
  options: { started?: (invocation: Invocation) => void } = {},
): Promise<InvocationResult> {
  const parsed = parsePluginUrl(url);
  const manifest = host.addon(parsed.addonId);
  const handle = host.nextHandle();
  const invocation = new Invocation(host, manifest, [parsed.base, String(handle), parsed.query, 'resume:false'], handle);
  options.started?.(invocation);
  const firstLog = host.log.records.length;
  const firstDialog = host.ui.dialogs.length;
  const firstNotification = host.ui.notifications.length;
  let failure: InvocationResult['failure'] = null;
  try {
    const entry = await loadAddonEntry(manifest, 'plugin');
    await entry(createKodi(invocation));
  } catch (error) {
    failure = describeFailure(error);
    // Kodi logs the traceback and tells the user to look at the log.
    host.log.error(`${manifest.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    host.ui.notification({ heading: manifest.name, message: 'Error: check the log for details', icon: 'error', timeMs: 5000 });
  } finally {
    invocation.end();
  }
  const { directory } = invocation;
  if (!failure && !directory.ended && !directory.resolved) {
    failure = {
      code: ErrorCodes.NO_DIRECTORY,
      message: `${manifest.id} finished without endOfDirectory or setResolvedUrl`,
    };
    host.log.error(failure.message);
  }
  const succeeded = !failure && Boolean(directory.ended?.succeeded || directory.resolved?.succeeded);
  return {
    url,
    handle,
    succeeded,
    items: directory.items,
    resolved: directory.resolved,
    content: directory.content,
    sortMethods: directory.sortMethods,
    dialogs: host.ui.dialogs.slice(firstDialog),
    notifications: host.ui.notifications.slice(firstNotification),
    builtins: invocation.builtins,
    log: host.log.records.slice(firstLog),
    failure,
    badRequest: invocation.badRequest ?? null,
  };
}

/**
 * A Kodi for add-on code run outside its entry points (tests, benchmarks, stress workers): one
 * invocation of the plugin's root URL with a new handle. Call `invocation.end()` when done with it.
 */
export function openInvocation(host: Host, addonId: string): { kodi: Kodi; invocation: Invocation } {
  const handle = host.nextHandle();
  const invocation = new Invocation(host, host.addon(addonId), [`plugin://${addonId}/`, String(handle), '', 'resume:false'], handle);
  return { kodi: createKodi(invocation), invocation };
}

/**
 * Runs the add-on's service until it returns (it should return once Kodi aborts). Add-on errors are
 * logged and rethrown.
 */
export async function runService(host: Host, addonId: string): Promise<void> {
  const manifest = host.addon(addonId);
  const invocation = new Invocation(host, manifest, [manifest.serviceLibrary ?? ''], -1);
  try {
    const entry = await loadAddonEntry(manifest, 'service');
    await entry(createKodi(invocation));
  } catch (error) {
    host.log.error(`${manifest.id} service: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    invocation.end();
  }
}

function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof ShimError) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' ? code : 'ADDON_ERROR',
    message: error instanceof Error ? error.message : String(error),
  };
}
