import { po as gettextPo } from 'gettext-parser';
import PO from 'pofile';
import { median } from './measure.js';
import { parsePo, readPoEntries } from '../../src/language/po-parser.js';

/** Entries in the generated file; the issue asks for at least 20,000. */
const ENTRY_COUNT = 25_000;
const ROUNDS = 5;

interface Contender {
  name: string;
  /** Parses the file fully and returns how many numeric-id entries it found. */
  parse(bytes: Buffer): number;
}

/**
 * `npm run bench po`: our strings.po parser against gettext-parser and pofile on one generated
 * file, in alternating rounds, reporting the median round of each.
 */
export async function benchPo(): Promise<string[]> {
  const bytes = generatePoFile(ENTRY_COUNT);
  const contenders: Contender[] = [
    {
      name: 'kodi-shim parsePo',
      parse: (b) => readPoEntries(parsePo(b)).length,
    },
    {
      name: 'gettext-parser',
      parse: (b) => {
        const { translations } = gettextPo.parse(b);
        return Object.keys(translations).filter((context) => context.startsWith('#')).length;
      },
    },
    {
      name: 'pofile',
      // pofile takes a string; decoding is part of reading the file.
      parse: (b) => PO.parse(b.toString('utf8')).items.filter((item) => item.msgctxt?.startsWith('#')).length,
    },
  ];

  const counts = contenders.map((c) => c.parse(bytes)); // warm-up, and a check that all read the same
  if (counts.some((n) => n !== ENTRY_COUNT)) {
    throw new Error(`the parsers disagree on the entry count: ${contenders.map((c, i) => `${c.name}=${counts[i]}`).join(', ')}`);
  }
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotating the order keeps any one parser from always running on a warm or cold heap.
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const started = performance.now();
      contenders[index]!.parse(bytes);
      times[index]!.push(performance.now() - started);
    }
  }
  const medians = times.map(median);
  const reference = medians[1]!;
  const megabytes = bytes.length / 1_000_000;
  const lines = [
    `generated strings.po: ${ENTRY_COUNT.toLocaleString('en')} entries, ${megabytes.toFixed(2)} MB; median of ${ROUNDS} alternating rounds`,
  ];
  contenders.forEach((c, i) => {
    const ms = medians[i]!;
    const perSecond = 1000 / ms;
    lines.push(
      `${c.name.padEnd(18)} ${ms.toFixed(1).padStart(8)} ms ${(megabytes * perSecond).toFixed(1).padStart(8)} MB/s ` +
        `${Math.round(ENTRY_COUNT * perSecond).toLocaleString('en').padStart(11)} entries/s ` +
        `${(reference / ms).toFixed(2).padStart(6)}× gettext-parser`,
    );
  });
  return lines;
}

/** A realistic translation file: comments, multi-line strings, escapes, markup and non-ASCII text. */
export function generatePoFile(entries: number): Buffer {
  const parts = [
    '# Generated for the benchmark\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de_DE\\n"\n\n',
  ];
  for (let i = 0; i < entries; i++) {
    const id = 30000 + i;
    if (i % 4 === 0) parts.push(`#: resources/settings.xml:${i}\n`);
    parts.push(`msgctxt "#${id}"\n`);
    if (i % 5 === 0) {
      parts.push(`msgid ""\n"Long text number ${i} that goes on "\n"over [B]two[/B] lines with %s\\n"\n`);
      parts.push(`msgstr ""\n"Langer Text Nummer ${i}, der über "\n"[B]zwei[/B] Zeilen geht, mit %s\\n"\n\n`);
    } else {
      parts.push(`msgid "Label ${i} \\"quoted\\""\nmsgstr "Beschriftung ${i} „zitiert“ – Größe"\n\n`);
    }
  }
  return Buffer.from(parts.join(''), 'utf8');
}

