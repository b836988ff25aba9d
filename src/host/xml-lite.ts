import { ErrorCodes, ShimError } from './errors.js';

/** One element of a small, flat XML document: the user's settings.xml. */
export interface LiteElement {
  name: string;
  attributes: Record<string, string>;
  children: LiteElement[];
  /** The element's character data, entities decoded; `""` when it has none. */
  text: string;
  /** Written as `<x/>` rather than `<x></x>`; kept so an unchanged file is written back byte for byte. */
  selfClosing: boolean;
}

/** Where a document stopped being well-formed (1-based, as editors count). */
export interface XmlPosition {
  line: number;
  column: number;
}

/** A document that is not well-formed XML; `position` says where. */
export class XmlSyntaxError extends ShimError {
  readonly position: XmlPosition;

  constructor(reason: string, position: XmlPosition) {
    super(ErrorCodes.SETTINGS_XML, `${reason} at line ${position.line}, column ${position.column}`);
    this.name = 'XmlSyntaxError';
    this.position = position;
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Kodi's XML loader rewrites an `&` that starts no entity into `&amp;` before parsing, and add-ons ship
 * files that rely on it; we accept the same files.
 */
export function escapeBareAmpersands(text: string): string {
  return text.replace(/&(?![A-Za-z][A-Za-z0-9._-]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/g, '&amp;');
}

/**
 * Refuses document type declarations that declare entities: no external entities, no entity
 * expansion ("billion laughs"), checked before any parser sees the text.
 */
export function assertNoEntityDeclarations(text: string, file: string): void {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype && /<!ENTITY/i.test(text)) {
    throw new ShimError(
      ErrorCodes.SETTINGS_XML,
      `${file} declares XML entities in a DOCTYPE; settings files may not use them (no entity expansion, no external entities)`,
    );
  }
}

/**
 * Parses a small XML document into elements — enough for the machine-written user settings file, and
 * far cheaper to load than a general parser. Rejects DOCTYPEs, processing instructions other than the
 * declaration, and anything not well-formed, with the line and column.
 */
export function parseLiteXml(source: string): LiteElement {
  const text = escapeBareAmpersands(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new XmlSyntaxError(reason, positionAt(text, at));
  };
  const skipMisc = () => {
    for (;;) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i + 2);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (text.startsWith('<!', i)) {
        fail('DOCTYPE and other declarations are not allowed');
      } else return;
    }
  };
  const readName = (): string => {
    const match = /^[A-Za-z_:][-A-Za-z0-9_:.]*/.exec(text.slice(i, i + 200));
    if (!match) fail('expected a name');
    i += match![0].length;
    return match![0];
  };
  const decode = (raw: string, start: number): string =>
    raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z][A-Za-z0-9._-]*);/g, (whole, body: string, offset: number) => {
      if (body.startsWith('#x') || body.startsWith('#')) {
        const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
        if (!(code > 0 && code <= 0x10ffff)) fail(`invalid character reference ${whole}`, start + offset);
        return String.fromCodePoint(code);
      }
      // An unknown entity stays as written, as Kodi's TinyXML leaves it.
      return NAMED_ENTITIES[body] ?? whole;
    });
  const readElement = (): LiteElement => {
    if (text[i] !== '<') fail('expected an element');
    i++;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '', selfClosing: true };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i >= text.length) fail(`unterminated <${name}> tag`);
      if (i === before) fail('expected a space before the attribute');
      const attrName = readName();
      while (isSpace(text.charCodeAt(i))) i++;
      if (text[i] !== '=') fail(`attribute ${attrName} has no value`);
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`the value of attribute ${attrName} is not quoted`);
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) fail(`unterminated value of attribute ${attrName}`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of attribute ${attrName}`, i + 1 + raw.indexOf('<'));
      if (attrName in attributes) fail(`attribute ${attrName} appears twice`);
      attributes[attrName] = decode(raw, i + 1);
      i = end + 1;
    }
    const children: LiteElement[] = [];
    let content = '';
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) fail(`<${name}> is never closed`, text.length);
      if (lt > i) content += decode(text.slice(i, lt), i);
      i = lt;
      if (text.startsWith('</', i)) {
        const tagStart = i;
        i += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`, tagStart);
        while (isSpace(text.charCodeAt(i))) i++;
        if (text[i] !== '>') fail(`unterminated </${closing}> tag`);
        i++;
        return { name, attributes, children, text: children.length ? content.trim() : content, selfClosing: false };
      }
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        if (end < 0) fail('unterminated CDATA section');
        content += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
        fail('unexpected declaration inside an element');
      } else {
        children.push(readElement());
      }
    }
  };
  skipMisc();
  if (i >= text.length) fail('the document is empty');
  const root = readElement();
  skipMisc();
  if (i < text.length) fail('content after the root element');
  return root;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** 1-based line and column of offset `at`. */
export function positionAt(text: string, at: number): XmlPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}
