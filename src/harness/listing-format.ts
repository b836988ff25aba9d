import type { InvocationResult } from './invoke.js';

/** The human form of one invocation's result: a numbered table of entries, or what was resolved. */
export function formatListing(result: InvocationResult): string {
  const lines: string[] = [];
  if (result.resolved) {
    lines.push(`${result.resolved.succeeded ? 'Resolved' : 'Failed to resolve'}: ${result.resolved.item.label || '(no label)'}`);
    if (result.resolved.path) lines.push(`  ${result.resolved.path}`);
  }
  if (result.items.length > 0) {
    const width = String(result.items.length).length;
    const labelWidth = Math.min(48, Math.max(...result.items.map((i) => plain(i.item.label).length)));
    result.items.forEach((entry, index) => {
      const kind = entry.isFolder ? 'folder  ' : entry.isPlayable ? 'playable' : 'item    ';
      const label = plain(entry.item.label).slice(0, 48).padEnd(labelWidth);
      lines.push(`${String(index + 1).padStart(width)}  ${kind}  ${label}  ${entry.url}`);
    });
  } else if (!result.resolved && result.succeeded) {
    lines.push('(empty directory)');
  }
  if (!result.succeeded) {
    lines.push(result.failure ? `Failed: ${result.failure.message}` : 'Failed: the add-on reported failure');
  }
  return lines.join('\n') + '\n';
}

/** Kodi's label markup ([B], [COLOR x]) stripped for a terminal; `[CR]` becomes `newline`. */
export function plain(label: string, newline = ' '): string {
  return label.replace(/\[\/?(B|I|UPPERCASE|LOWERCASE|CAPITALIZE|LIGHT)\]|\[COLOR [^\]]*\]|\[\/COLOR\]/gi, '').replace(/\[CR\]/gi, newline);
}
