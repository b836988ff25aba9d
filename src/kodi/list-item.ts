/** Kodi's `xbmcgui.ListItem`: what a directory entry or a resolved stream carries. */
export class ListItem {
  #label: string;
  #label2: string;
  #path: string;
  #art: Record<string, string> = {};
  #info: { type: string; labels: Record<string, unknown> } | undefined;
  // Kodi stores property keys in lower case: getProperty('IsPlayable') and ('isplayable') agree.
  #properties: Record<string, string> = {};
  #contextMenu: Array<[string, string]> = [];

  constructor(label = '', label2 = '', path = '') {
    this.#label = String(label);
    this.#label2 = String(label2);
    this.#path = String(path);
  }

  getLabel(): string {
    return this.#label;
  }
  setLabel(label: string): void {
    this.#label = String(label);
  }
  getLabel2(): string {
    return this.#label2;
  }
  setLabel2(label: string): void {
    this.#label2 = String(label);
  }
  getPath(): string {
    return this.#path;
  }
  setPath(path: string): void {
    this.#path = String(path);
  }

  /** Merges art keys (`thumb`, `icon`, `fanart`, `poster`…); an empty value removes nothing. */
  setArt(art: Record<string, string>): void {
    for (const [key, value] of Object.entries(art)) this.#art[key.toLowerCase()] = String(value);
  }
  getArt(key: string): string {
    return this.#art[key.toLowerCase()] ?? '';
  }

  /** `type` is `video`, `music`, `pictures` or `game`, as in Kodi. */
  setInfo(type: string, labels: Record<string, unknown>): void {
    this.#info = { type, labels: { ...(this.#info?.type === type ? this.#info.labels : {}), ...labels } };
  }

  setProperty(key: string, value: string): void {
    this.#properties[key.toLowerCase()] = String(value);
  }
  setProperties(values: Record<string, string>): void {
    for (const [k, v] of Object.entries(values)) this.setProperty(k, v);
  }
  getProperty(key: string): string {
    return this.#properties[key.toLowerCase()] ?? '';
  }

  /** Items are `[label, builtin]`, e.g. `['Refresh', 'Container.Refresh']`. */
  addContextMenuItems(items: Array<[string, string]>, replaceItems = false): void {
    if (replaceItems) this.#contextMenu = [];
    this.#contextMenu.push(...items.map(([l, a]) => [String(l), String(a)] as [string, string]));
  }

  /** A plain snapshot, as the harness prints it. */
  toJSON(): ListItemSnapshot {
    return {
      label: this.#label,
      label2: this.#label2,
      path: this.#path,
      art: { ...this.#art },
      info: this.#info ? { type: this.#info.type, labels: { ...this.#info.labels } } : null,
      properties: { ...this.#properties },
      contextMenu: this.#contextMenu.map(([l, a]) => [l, a] as [string, string]),
    };
  }
}

export interface ListItemSnapshot {
  label: string;
  label2: string;
  path: string;
  art: Record<string, string>;
  info: { type: string; labels: Record<string, unknown> } | null;
  properties: Record<string, string>;
  contextMenu: Array<[string, string]>;
}
