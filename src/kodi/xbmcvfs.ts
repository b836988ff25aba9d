import type { Invocation } from './invocation.js';

/** `xbmcvfs` for one invocation; paths may be `special://…`. Node does I/O asynchronously, so do we. */
export function createXbmcvfs(invocation: Invocation) {
  const { host } = invocation;
  const fsp = host.fs.promises;
  const real = (path: string) => host.translatePath(path);
  const ok = async (op: () => Promise<unknown>): Promise<boolean> => {
    try {
      await op();
      return true;
    } catch {
      return false;
    }
  };

  /** Kodi's `xbmcvfs.File`: `await file.read()`, `await file.write(text)`, `await file.close()`. */
  class File {
    readonly #path: string;
    readonly #mode: string;
    #buffer: string[] = [];
    constructor(path: string, mode = 'r') {
      this.#path = real(path);
      this.#mode = mode;
    }
    async read(): Promise<string> {
      return (await fsp.readFile(this.#path, 'utf8')) as string;
    }
    async readBytes(): Promise<Uint8Array> {
      return new Uint8Array((await fsp.readFile(this.#path)) as Buffer);
    }
    async write(data: string): Promise<boolean> {
      if (!this.#mode.includes('w') && !this.#mode.includes('a')) return false;
      this.#buffer.push(data);
      return true;
    }
    async size(): Promise<number> {
      return (await fsp.stat(this.#path)).size;
    }
    async close(): Promise<void> {
      if (this.#buffer.length === 0 && !this.#mode.includes('w')) return;
      const text = this.#buffer.join('');
      this.#buffer = [];
      if (this.#mode.includes('a')) await fsp.appendFile(this.#path, text);
      else await fsp.writeFile(this.#path, text);
    }
  }

  return {
    File,
    translatePath: real,
    async exists(path: string): Promise<boolean> {
      return ok(() => fsp.stat(real(path)));
    },
    async mkdir(path: string): Promise<boolean> {
      return ok(() => fsp.mkdir(real(path)));
    },
    async mkdirs(path: string): Promise<boolean> {
      return ok(() => fsp.mkdir(real(path), { recursive: true }));
    },
    async delete(path: string): Promise<boolean> {
      return ok(() => fsp.unlink(real(path)));
    },
    async rmdir(path: string, force = false): Promise<boolean> {
      return ok(() => fsp.rm(real(path), { recursive: force }));
    },
    async rename(from: string, to: string): Promise<boolean> {
      return ok(() => fsp.rename(real(from), real(to)));
    },
    async copy(from: string, to: string): Promise<boolean> {
      return ok(() => fsp.copyFile(real(from), real(to)));
    },
    /** `[folders, files]`, as Kodi returns them; two empty lists for a missing folder. */
    async listdir(path: string): Promise<[string[], string[]]> {
      try {
        const entries = await fsp.readdir(real(path), { withFileTypes: true });
        const dirs: string[] = [];
        const files: string[] = [];
        for (const e of entries) (e.isDirectory() ? dirs : files).push(String(e.name));
        return [dirs.sort(), files.sort()];
      } catch {
        return [[], []];
      }
    },
  };
}

export type Xbmcvfs = ReturnType<typeof createXbmcvfs>;
