/**
 * The printf (`%s`, `%d`, `%02d`, `%(name)s`) and format (`{0}`, `{name}`) placeholders of a string,
 * in order. `%%` and `{{`/`}}` are literal text, not placeholders.
 */
export function placeholdersOf(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '%') {
      if (text[i + 1] === '%') {
        i++;
        continue;
      }
      const end = printfEnd(text, i + 1);
      if (end > 0) {
        found.push(text.slice(i, end));
        i = end - 1;
      }
    } else if (c === '{') {
      if (text[i + 1] === '{') {
        i++;
        continue;
      }
      const close = formatFieldEnd(text, i + 1);
      if (close > 0) {
        found.push(text.slice(i, close + 1));
        i = close;
      }
    }
  }
  return found;
}

const PRINTF_FLAGS = '-+ #0';
const PRINTF_CONVERSIONS = 'sdiuoxXeEfFgGcr';
/** Python's `%(name)s` keys are short; a longer run is ordinary text. */
const MAX_KEY_CHARS = 40;

function printfEnd(text: string, from: number): number {
  let i = from;
  if (text[i] === '(') {
    const close = text.slice(i, i + MAX_KEY_CHARS + 2).indexOf(')');
    if (close < 0) return -1;
    i += close + 1;
  }
  while (i < text.length && PRINTF_FLAGS.includes(text[i]!)) i++;
  while (i < text.length && isAsciiDigit(text[i]!)) i++;
  if (text[i] === '.') {
    i++;
    while (i < text.length && isAsciiDigit(text[i]!)) i++;
  }
  const conversion = text[i];
  return conversion !== undefined && PRINTF_CONVERSIONS.includes(conversion) ? i + 1 : -1;
}

function formatFieldEnd(text: string, from: number): number {
  for (let i = from; i < text.length && i - from <= MAX_KEY_CHARS; i++) {
    const c = text[i]!;
    if (c === '}') return i;
    if (c === '{' || c === '\n' || c === ' ') return -1;
  }
  return -1;
}

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Kodi's label markup a translation must keep, by kind: `[B]`, `[/B]`, `[I]`, `[/I]`, `[COLOR]`, `[/COLOR]`, `[CR]`. */
export const MARKUP_TAGS = ['[B]', '[/B]', '[I]', '[/I]', '[COLOR]', '[/COLOR]', '[CR]'] as const;

/** How often each markup tag occurs; `[COLOR red]` counts as `[COLOR]`. Tags are upper case, as Kodi reads them. */
export function markupCounts(text: string): Record<(typeof MARKUP_TAGS)[number], number> {
  const counts = { '[B]': 0, '[/B]': 0, '[I]': 0, '[/I]': 0, '[COLOR]': 0, '[/COLOR]': 0, '[CR]': 0 };
  // The next `]` is remembered so that many unclosed `[COLOR ` stay linear.
  let nextClose = -1;
  let i = text.indexOf('[');
  while (i >= 0) {
    if (text.startsWith('[COLOR ', i)) {
      if (nextClose !== Infinity && nextClose < i) nextClose = text.indexOf(']', i);
      if (nextClose < 0) nextClose = Infinity;
      if (nextClose !== Infinity) counts['[COLOR]']++;
    } else {
      for (const tag of MARKUP_TAGS) {
        if (tag !== '[COLOR]' && text.startsWith(tag, i)) {
          counts[tag]++;
          break;
        }
      }
    }
    i = text.indexOf('[', i + 1);
  }
  return counts;
}
