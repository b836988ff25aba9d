import type { Invocation } from './invocation.js';
import type { ListItem } from './list-item.js';

/** `xbmcplugin` for one invocation: records the directory or the resolved item. */
export function createXbmcplugin(invocation: Invocation) {
  const { host, directory } = invocation;

  const checkHandle = (fn: string, handle: number): boolean => {
    if (handle === invocation.handle && handle >= 0) return true;
    // Kodi logs an invalid handle and ignores the call.
    host.log.error(`${fn}: invalid handle ${handle} (this invocation has ${invocation.handle})`);
    return false;
  };
  const finished = (fn: string): boolean => {
    if (!directory.ended && !directory.resolved) return false;
    host.log.warning(`${fn}: the directory was already finished; ignored`);
    return true;
  };

  function addDirectoryItem(handle: number, url: string, listitem: ListItem, isFolder = false, _totalItems = 0): boolean {
    if (!checkHandle('addDirectoryItem', handle) || finished('addDirectoryItem')) return false;
    const item = listitem.toJSON();
    directory.items.push({
      url: String(url),
      isFolder: Boolean(isFolder),
      isPlayable: item.properties.isplayable === 'true',
      item,
    });
    return true;
  }

  return {
    addDirectoryItem,
    /** Items are `[url, listitem, isFolder]`. */
    addDirectoryItems(handle: number, items: Array<[string, ListItem, boolean?]>, totalItems = 0): boolean {
      return items.every(([url, item, isFolder]) => addDirectoryItem(handle, url, item, isFolder ?? false, totalItems));
    },
    endOfDirectory(handle: number, succeeded = true, updateListing = false, cacheToDisc = true): void {
      if (!checkHandle('endOfDirectory', handle) || finished('endOfDirectory')) return;
      directory.ended = { succeeded, updateListing, cacheToDisc };
    },
    setResolvedUrl(handle: number, succeeded: boolean, listitem: ListItem): void {
      if (!checkHandle('setResolvedUrl', handle) || finished('setResolvedUrl')) return;
      const item = listitem.toJSON();
      directory.resolved = { succeeded, path: item.path, item };
    },
    setContent(handle: number, content: string): void {
      if (checkHandle('setContent', handle)) directory.content = content;
    },
    addSortMethod(handle: number, sortMethod: number, _labelMask = '', _label2Mask = ''): void {
      if (checkHandle('addSortMethod', handle)) directory.sortMethods.push(sortMethod);
    },
    setPluginCategory(_handle: number, _category: string): void {},
    SORT_METHOD_NONE: 0,
    SORT_METHOD_LABEL: 1,
    SORT_METHOD_LABEL_IGNORE_THE: 2,
    SORT_METHOD_DATE: 3,
  };
}

export type Xbmcplugin = ReturnType<typeof createXbmcplugin>;
