/** What went wrong while decoding escapes, at an index into the joined (still escaped) bytes. */
export interface PoEscapeIssue {
  kind: 'unknown-escape' | 'trailing-backslash';
  /** Index of the backslash in the joined bytes. */
  index: number;
}

const BACKSLASH = 0x5c;

/** The byte Kodi's POUtils substitutes for `\<letter>`, or -1 for an escape it does not know. */
export function escapedByte(letter: number): number {
  switch (letter) {
    case 0x61: return 0x07; // \a
    case 0x62: return 0x08; // \b
    case 0x76: return 0x0b; // \v
    case 0x6e: return 0x0a; // \n
    case 0x74: return 0x09; // \t
    case 0x72: return 0x0d; // \r
    case 0x22: return 0x22; // \"
    case 0x30: return 0x00; // \0
    case 0x66: return 0x0c; // \f
    case 0x3f: return 0x3f; // \?
    case 0x27: return 0x27; // \'
    case 0x5c: return 0x5c; // \\
    default: return -1;
  }
}

/**
 * Decodes C escapes the way Kodi does, byte by byte: an unknown escape drops the backslash AND the
 * one byte after it (so half of a multi-byte character can be left behind), and a backslash at the
 * very end stops decoding. Returns `bytes` itself when there is no backslash.
 */
export function unescapePoBytes(bytes: Uint8Array, onIssue?: (issue: PoEscapeIssue) => void): Uint8Array {
  if (bytes.indexOf(BACKSLASH) < 0) return bytes;
  const out = Uint8Array.from(bytes);
  return out.subarray(0, unescapeInPlace(out, out.length, onIssue));
}

/**
 * `unescapePoBytes` over the first `length` bytes of `bytes`, writing the result over them (it is
 * never longer). Returns the decoded length.
 */
export function unescapeInPlace(bytes: Uint8Array, length: number, onIssue?: (issue: PoEscapeIssue) => void): number {
  let n = 0;
  let i = 0;
  while (i < length) {
    const b = bytes[i]!;
    if (b !== BACKSLASH) {
      bytes[n++] = b;
      i++;
      continue;
    }
    if (i + 1 >= length) {
      onIssue?.({ kind: 'trailing-backslash', index: i });
      break;
    }
    const decoded = escapedByte(bytes[i + 1]!);
    if (decoded < 0) onIssue?.({ kind: 'unknown-escape', index: i });
    else bytes[n++] = decoded;
    i += 2;
  }
  return n;
}
