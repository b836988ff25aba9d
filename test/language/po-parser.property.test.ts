import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPo } from '../../src/language/po-check.js';
import { decodePoString, parsePo, PoTextReader, readPoEntries, readPoString } from '../../src/language/po-parser.js';
import { bytesOf, entry, poText, utf8 } from '../helpers/po-builder.js';

/** Pieces that exercise every branch of the parser and checker when strung together at random. */
const FRAGMENTS = [
  'msgid ', 'msgstr ', 'msgctxt "#', 'msgctxt ', 'msgid_plural ', 'msgstr[0] ', '"', '""', '\\', '\\n', '\\q',
  '\n', '\n\n', '\r', '\r\n', ' ', '\t', '#', '# c\n', '30001', '0', '[B]', '[/COLOR]', '[COLOR ', '%s', '%(', '{0}',
  '{', 'é', '\uFEFF', 'x',
];
const poLike = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.uint8Array({ maxLength: 4 })), { maxLength: 200 })
  .map((parts) => bytesOf(...parts.map((p) => (typeof p === 'string' ? p : Array.from(p)))));
const SOURCE = utf8(poText(entry(30001, 'Games %s [B]x[/B]'), entry(30002, 'Search')));

function readEverything(bytes: Uint8Array): void {
  const doc = parsePo(bytes);
  readPoEntries(doc, { evenIfRejected: true });
  checkPo({ bytes, folderName: 'resource.language.de_de', sourceBytes: SOURCE });
  checkPo({ bytes, folderName: 'resource.language.en_gb' });
}

describe('parsePo and checkPo on arbitrary input', () => {
  it('never throw on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => void readEverything(bytes)), { numRuns: 300 });
  });

  it('never throw on random strings of PO syntax', () => {
    fc.assert(fc.property(poLike, (bytes) => void readEverything(bytes)), { numRuns: 500 });
  });

  it('decode every string the same on the fast path as on the step-by-step one', () => {
    fc.assert(
      fc.property(poLike, (bytes) => {
        const doc = parsePo(bytes);
        const reader = new PoTextReader(doc.buffer);
        for (const block of doc.blocks) {
          for (const at of [block.msgidAt, block.msgstrAt].filter((n) => n >= 0)) {
            expect(reader.read(at, block.end)).toBe(decodePoString(readPoString(doc.buffer, at, block.end).raw));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('return the same entries for the same bytes', () => {
    fc.assert(
      fc.property(poLike, (bytes) => {
        const a = readPoEntries(parsePo(bytes)).map((e) => [e.id, e.msgid, e.msgstr]);
        const b = readPoEntries(parsePo(Uint8Array.from(bytes))).map((e) => [e.id, e.msgid, e.msgstr]);
        expect(a).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});

/** Best of a few runs, in milliseconds: the least disturbed by the machine's other work. */
function bestTimeMs(run: () => void, rounds = 5): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Inputs built to hit the usual traps: rescans of one long entry, long lines, backslash runs. */
const ADVERSARIAL: Record<string, (n: number) => Uint8Array> = {
  'one entry of merged keyword lines': (n) => utf8(poText('msgctxt "#1"\nmsgid "a"\nmsgstr "b"\n'.repeat(n))),
  'one quoted line': (n) => utf8(poText(`msgctxt "#1"\nmsgid "${'a'.repeat(n * 200)}"\nmsgstr "x"\n`)),
  'many entries': (n) => utf8(poText(...Array.from({ length: n }, (_, i) => entry(i, `text ${i}`, `Text ${i}`)))),
  'unclosed markup and placeholders': (n) => utf8(poText(entry(1, '[COLOR %(', `${'[COLOR %({'.repeat(n * 10)}`))),
  'escape runs': (n) => utf8(poText(entry(1, 'x', '\\q\\é'.repeat(n * 10)))),
  'blank-line runs without entries': (n) => utf8(poText('\n'.repeat(n * 10), '# only comments\n'.repeat(n))),
  'no header, msgid lines only': (n) => utf8('msgid "x"\nmsgctxt "#1\n'.repeat(n)),
  'invalid bytes': (n) => bytesOf(poText(), ...Array.from({ length: n * 5 }, () => [0xff, 0xc3, 0x0a])),
};

describe('parse and check time grows linearly with the input', () => {
  for (const [name, build] of Object.entries(ADVERSARIAL)) {
    it(`on ${name}: 8× the input takes well under 20× the time`, () => {
      const small = build(2_000);
      const large = build(16_000);
      readEverything(small); // warm up the JIT before measuring
      const smallMs = bestTimeMs(() => readEverything(small));
      const largeMs = bestTimeMs(() => readEverything(large));
      // Each family is sized so the small input takes milliseconds; a quadratic step would take 64×.
      expect(largeMs).toBeLessThan(20 * Math.max(smallMs, 0.5));
    });
  }
});
