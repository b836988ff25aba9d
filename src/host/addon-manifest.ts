import { join } from 'node:path';
import { ErrorCodes, ShimError } from './errors.js';
import type { HostFs } from './fs.js';
import { escapeBareAmpersands, parseLiteXml, type LiteElement } from './xml-lite.js';

/** What the runtime needs from an `addon.xml`. */
export interface AddonManifest {
  id: string;
  name: string;
  version: string;
  author: string;
  /** Folder that holds addon.xml. */
  path: string;
  /** Library of the `xbmc.python.pluginsource` extension, relative to `path`. */
  pluginLibrary: string | undefined;
  /** Library of the `xbmc.service` extension, relative to `path`. */
  serviceLibrary: string | undefined;
  /** Kodi's add-on type from the first extension: `xbmc.python.pluginsource`, … */
  type: string;
  summary: string;
  description: string;
  disclaimer: string;
  changelog: string;
  icon: string;
  fanart: string;
}

/** Reads and checks `<folder>/addon.xml`. */
export function readAddonManifest(fs: HostFs, folder: string): AddonManifest {
  const file = join(folder, 'addon.xml');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8') as string;
  } catch (error) {
    throw new ShimError(ErrorCodes.UNKNOWN_ADDON, `No add-on at ${folder} (cannot read addon.xml)`, { cause: error });
  }
  return parseAddonManifest(text, folder);
}

/**
 * Parses the text of an `addon.xml`; `folder` is where it lives. The small reader of the settings
 * layer is enough for a manifest, and keeps a full XML parser off every invocation's start.
 */
export function parseAddonManifest(text: string, folder: string): AddonManifest {
  const file = join(folder, 'addon.xml');
  let root: LiteElement;
  try {
    root = parseLiteXml(escapeBareAmpersands(text));
  } catch (cause) {
    throw new ShimError(ErrorCodes.ADDON_MANIFEST, `${file} is not well-formed XML: ${(cause as Error).message}`, { cause });
  }
  if (root.name !== 'addon') throw new ShimError(ErrorCodes.ADDON_MANIFEST, `${file} has no <addon> root element`);
  const id = root.attributes.id;
  if (!id) throw new ShimError(ErrorCodes.ADDON_MANIFEST, `${file} has no add-on id`);
  const extensions = root.children.filter((c) => c.name === 'extension');
  const library = (point: string) => extensions.find((e) => e.attributes.point === point)?.attributes.library;
  const metadata = extensions.find((e) => e.attributes.point === 'xbmc.addon.metadata');
  const text1 = (name: string): string => {
    const nodes = metadata?.children.filter((c) => c.name === name) ?? [];
    // Prefer the English text when several languages are given.
    const pick = nodes.find((n) => /^en/i.test(n.attributes.lang ?? 'en')) ?? nodes[0];
    return pick?.text.trim() ?? '';
  };
  const assets = metadata?.children.find((c) => c.name === 'assets');
  const asset = (name: string) => assets?.children.find((c) => c.name === name)?.text.trim() ?? '';
  return {
    id,
    name: root.attributes.name ?? id,
    version: root.attributes.version ?? '0.0.0',
    author: root.attributes['provider-name'] ?? '',
    path: folder,
    pluginLibrary: library('xbmc.python.pluginsource'),
    serviceLibrary: library('xbmc.service'),
    type: extensions[0]?.attributes.point ?? '',
    summary: text1('summary'),
    description: text1('description'),
    disclaimer: text1('disclaimer'),
    changelog: text1('news'),
    icon: asset('icon') ? join(folder, asset('icon')) : '',
    fanart: asset('fanart') ? join(folder, asset('fanart')) : '',
  };
}
