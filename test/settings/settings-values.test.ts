import { describe, expect, it } from 'vitest';
import {
  formatCppNumber,
  parseSettingsDefinitions,
  parseUserValues,
  resolveUserValues,
  serializeUserValues,
  tinyXmlEscape,
} from '../../src/settings/index.js';
import { ErrorCodes } from '../../src/host/errors.js';
import { corpusText, hasSettingsCorpus, SMALL_DEFINITIONS } from '../helpers/settings-world.js';

const definitions = parseSettingsDefinitions(SMALL_DEFINITIONS, 'small.xml');
const noReports = () => {
  throw new Error('no value should be reported');
};

/** Written as Kodi 21 writes it for SMALL_DEFINITIONS: every valued setting, the action too (it has an id). */
const KODI_WRITTEN = `<settings version="2">
    <setting id="token">abc&amp;def</setting>
    <setting id="expiry">1780000000.0</setting>
    <setting id="login" default="true" />
    <setting id="show_live" default="true">true</setting>
    <setting id="quality">2</setting>
    <setting id="per_page">50</setting>
    <setting id="ratio" default="true">0.5</setting>
    <setting id="colour" default="true">red</setting>
    <setting id="irc_enable">false</setting>
</settings>
`;

describe('user values', () => {
  it('round-trip byte for byte when nothing changed (a Kodi-written version 2 file)', () => {
    const state = resolveUserValues(definitions, parseUserValues(KODI_WRITTEN), noReports);
    expect(serializeUserValues(definitions, state)).toBe(KODI_WRITTEN);
  });

  it('keep the `<setting …></setting>` form of an empty value when it was read that way', () => {
    const text = KODI_WRITTEN.replace('<setting id="login" default="true" />', '<setting id="login" default="true"></setting>');
    expect(serializeUserValues(definitions, resolveUserValues(definitions, parseUserValues(text), noReports))).toBe(text);
  });

  it('take the current default for a `default="true"` entry, as Kodi resets it', () => {
    const text = '<settings version="2">\n    <setting id="per_page" default="true">40</setting>\n</settings>\n';
    expect(resolveUserValues(definitions, parseUserValues(text), noReports).values.get('per_page')).toBe('25');
  });

  it('upgrade a version 1 (`value=`) file to version 2, in definition order, unknown ids after', () => {
    const v1 = '<settings>\n    <setting id="zzz_unknown" value="kept" />\n    <setting id="show_live" value="false" />\n    <setting id="token" value="t0k3n" />\n</settings>\n';
    const state = resolveUserValues(definitions, parseUserValues(v1), noReports);
    expect(serializeUserValues(definitions, state)).toBe(`<settings version="2">
    <setting id="token">t0k3n</setting>
    <setting id="expiry" default="true">0</setting>
    <setting id="login" default="true" />
    <setting id="show_live">false</setting>
    <setting id="quality" default="true">1</setting>
    <setting id="per_page" default="true">25</setting>
    <setting id="ratio" default="true">0.5</setting>
    <setting id="colour" default="true">red</setting>
    <setting id="zzz_unknown">kept</setting>
</settings>
`);
  });

  it.skipIf(!hasSettingsCorpus)('read the corpus’s Kodi 17 file and write it as version 2 against the 3.0.3 definitions', () => {
    const defs303 = parseSettingsDefinitions(corpusText('plugin.video.twitch/3.0.3/settings.xml')!, '3.0.3');
    const file = parseUserValues(corpusText('userdata/kodi17-v1-legacy.xml')!);
    expect(file.version).toBe(0);
    const out = serializeUserValues(defs303, resolveUserValues(defs303, file, noReports));
    expect(out.startsWith('<settings version="2">\n')).toBe(true);
    expect(out).toContain('    <setting id="oauth_token_helix">legacyv1token00000000000000000</setting>\n');
    expect(out).toContain('    <setting id="menu_search">false</setting>\n');
    expect(out).toContain('    <setting id="video_quality">1</setting>\n');
    expect(out).toContain('    <setting id="menu_browse_live" default="true">true</setting>\n');
    expect(out).not.toContain('value=');
  });

  it.skipIf(!hasSettingsCorpus)('keep every value of the corpus’s Kodi 21 files, the unknown id included', () => {
    const defs303 = parseSettingsDefinitions(corpusText('plugin.video.twitch/3.0.3/settings.xml')!, '3.0.3');
    for (const name of ['kodi21-v2-device-login.xml', 'kodi21-v2-legacy-token.xml']) {
      const file = parseUserValues(corpusText(`userdata/${name}`)!);
      const again = parseUserValues(serializeUserValues(defs303, resolveUserValues(defs303, file, noReports)));
      const written = new Map(again.entries.map((e) => [e.id, e.text]));
      for (const entry of file.entries) expect(written.get(entry.id), `${name}: ${entry.id}`).toBe(entry.text);
    }
  });

  it('report a stored value that does not fit, use the default, and write the stored text back', () => {
    const text = '<settings version="2">\n    <setting id="per_page">lots</setting>\n    <setting id="show_live">1</setting>\n</settings>\n';
    const reports: string[] = [];
    const state = resolveUserValues(definitions, parseUserValues(text), (id, reason) => reports.push(`${id}: ${reason}`));
    expect(reports).toEqual(['per_page: not a whole number', 'show_live: not "true" or "false"']);
    expect(state.values.get('per_page')).toBe('25');
    const out = serializeUserValues(definitions, state);
    expect(out).toContain('    <setting id="per_page">lots</setting>\n');
    expect(out).toContain('    <setting id="show_live">1</setting>\n');
  });

  it('reject a value outside its range or options', () => {
    const text = '<settings version="2"><setting id="per_page">5</setting><setting id="quality">7</setting><setting id="colour">pink</setting></settings>';
    const reports: string[] = [];
    resolveUserValues(definitions, parseUserValues(text), (id, reason) => reports.push(`${id}: ${reason}`));
    expect(reports).toEqual(['per_page: outside 10…100', 'quality: not one of the allowed options', 'colour: not one of the allowed options']);
  });

  it('say where a file stops being well-formed', () => {
    expect(() => parseUserValues('<settings version="2">\n    <setting id="a">x</setting>\n    <setting id="b">y\n</settings>\n')).toThrowError(
      expect.objectContaining({ code: ErrorCodes.SETTINGS_XML, message: '</settings> closes <setting> at line 4, column 1' }),
    );
  });

  it('refuse a DOCTYPE in a user file', () => {
    expect(() => parseUserValues('<!DOCTYPE x [<!ENTITY a "b">]><settings/>')).toThrowError(/DOCTYPE/);
  });
});

describe('writing text as TinyXML does', () => {
  it('escapes markup characters and control characters, and passes an existing &#x reference through', () => {
    expect(tinyXmlEscape(`a&b<c>d"e'f\tg\u0001h&#x41;i`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#x09;g&#x01;h&#x41;i');
  });

  it('reads back what it writes', () => {
    const raw = `quote " and ' and <tag> & tab\tend`;
    const state = resolveUserValues(definitions, undefined, noReports);
    state.values.set('token', raw);
    const again = parseUserValues(serializeUserValues(definitions, state));
    expect(again.entries.find((e) => e.id === 'token')!.text).toBe(raw);
  });
});

describe('numbers as C++ streams print them', () => {
  it.each([
    [0.5, '0.5'],
    [2500000, '2.5e+06'],
    [123456, '123456'],
    [1234567, '1.23457e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1 / 3, '0.333333'],
    [-2.5, '-2.5'],
    [100, '100'],
    [Infinity, 'inf'],
  ])('%d → %s', (value, text) => {
    expect(formatCppNumber(value)).toBe(text);
  });
});
