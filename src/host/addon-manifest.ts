import { join } from 'node:path';
import { parseString } from 'xml2js';
import { ErrorCodes, ShimError } from './errors.js';
import type { HostFs } from './fs.js';

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

interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
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

/** Parses the text of an `addon.xml`; `folder` is where it lives. */
export function parseAddonManifest(text: string, folder: string): AddonManifest {
  let doc: { addon?: XmlNode } | undefined;
  let failure: unknown;
  // xml2js calls back synchronously unless its `async` option is set.
  parseString(text, { explicitArray: true }, (error, result) => {
    failure = error;
    doc = result;
  });
  if (failure || !doc?.addon) {
    throw new ShimError(ErrorCodes.ADDON_MANIFEST, `${join(folder, 'addon.xml')} is not a valid add-on manifest`, {
      cause: failure,
    });
  }
  const root = doc.addon;
  const id = root.$?.id;
  if (!id) throw new ShimError(ErrorCodes.ADDON_MANIFEST, `${join(folder, 'addon.xml')} has no add-on id`);
  const extensions = ((root.extension as XmlNode[] | undefined) ?? []).map((e) => ({ attrs: e.$ ?? {}, node: e }));
  const library = (point: string) => extensions.find((e) => e.attrs.point === point)?.attrs.library;
  const metadata = extensions.find((e) => e.attrs.point === 'xbmc.addon.metadata')?.node;
  const text1 = (name: string): string => {
    const nodes = metadata?.[name] as Array<XmlNode | string> | undefined;
    if (!nodes?.length) return '';
    // Prefer the English text when several languages are given.
    const pick = nodes.find((n) => typeof n !== 'string' && /^en/.test(n.$?.lang ?? 'en')) ?? nodes[0]!;
    return typeof pick === 'string' ? pick : (pick._ ?? '');
  };
  const assets = (metadata?.assets as XmlNode[] | undefined)?.[0];
  const asset = (name: string) => {
    const v = assets?.[name] as Array<string | XmlNode> | undefined;
    const first = v?.[0];
    return typeof first === 'string' ? first : (first?._ ?? '');
  };
  return {
    id,
    name: root.$?.name ?? id,
    version: root.$?.version ?? '0.0.0',
    author: root.$?.['provider-name'] ?? '',
    path: folder,
    pluginLibrary: library('xbmc.python.pluginsource'),
    serviceLibrary: library('xbmc.service'),
    type: extensions[0]?.attrs.point ?? '',
    summary: text1('summary'),
    description: text1('description'),
    disclaimer: text1('disclaimer'),
    changelog: text1('news'),
    icon: asset('icon') ? join(folder, asset('icon')) : '',
    fanart: asset('fanart') ? join(folder, asset('fanart')) : '',
  };
}
