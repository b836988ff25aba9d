import * as realFs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/host/errors.js';
import { parseSettingsDefinitions, resolveAction } from '../../src/settings/index.js';
import { corpusText, hasSettingsCorpus, settingsCorpus, settingsRepoRoot } from '../helpers/settings-world.js';

const CORPUS_VERSIONS = ['3.0.2', 'pr704-head', '3.0.3'];

/** id, type after conversion, default, hidden — facts of the 3.0.3 release's definitions. */
const EXPECTED_303: Array<[string, string, string, boolean]> = [
  ['device_login', 'string', '', false],
  ['oauth_refresh_token', 'string', '', true],
  ['oauth_token_expiry', 'string', '0', true],
  ['oauth_refresh_unsupported', 'string', '', true],
  ['oauth_token_helix', 'string', '', false],
  ['revoke_token', 'string', '', false],
  ['menu_browse_live', 'boolean', 'true', false],
  ['menu_browse_games', 'boolean', 'true', false],
  ['menu_following', 'boolean', 'true', false],
  ['menu_search', 'boolean', 'true', false],
  ['menu_settings', 'boolean', 'true', false],
  ['menu_following_live', 'boolean', 'false', false],
  ['menu_following_channels', 'boolean', 'false', false],
  ['menu_following_games', 'boolean', 'false', false],
  ['menu_search_streams', 'boolean', 'false', false],
  ['menu_search_channels', 'boolean', 'false', false],
  ['menu_search_games', 'boolean', 'false', false],
  ['menu_search_url', 'boolean', 'false', false],
  ['video_quality', 'integer', '3', false],
  ['bandwidth', 'integer', '2500000', false],
  ['source_frame_rate_limit', 'integer', '0', false],
  ['video_support_ia_builtin', 'boolean', 'false', true],
  ['video_support_ia_addon', 'boolean', 'false', true],
  ['video_quality_ia', 'boolean', 'true', false],
  ['video_quality_ia_configure', 'string', '', false],
  ['supported_codecs', 'integer', '0', false],
  ['title_display', 'integer', '0', false],
  ['title_truncate', 'boolean', 'true', false],
  ['thumbnail_size', 'integer', '2', false],
  ['refresh_interval', 'integer', '10', false],
  ['vodcast_highlight', 'integer', '79', false],
  ['items_per_page', 'integer', '25', false],
  ['search_history_size', 'integer', '25', false],
  ['search_backend', 'integer', '0', false],
  ['live_reconnect', 'boolean', 'false', false],
  ['live_notify', 'boolean', 'false', false],
  ['live_notify_audible', 'boolean', 'false', false],
  ['live_notify_at_start', 'boolean', 'true', false],
  ['live_notify_group_start', 'boolean', 'false', false],
  ['change_language', 'string', '', false],
  ['refresh_cache', 'boolean', 'false', false],
  ['cache_expire_time', 'integer', '3', false],
  ['device_login_private', 'string', '', false],
  ['private_oauth_clientid', 'string', 'kimne78kx3ncx6brgo4mv6wki5h1ko', false],
  ['private_oauth_token', 'string', '', false],
  ['revoke_private_token', 'string', '', false],
  ['remove_default_stream_quality', 'string', '', false],
  ['remove_default_video_quality', 'string', '', false],
  ['remove_default_clip_quality', 'string', '', false],
  ['clear_default_stream_qualities', 'string', '', false],
  ['clear_default_video_qualities', 'string', '', false],
  ['clear_default_clip_qualities', 'string', '', false],
  ['reset_cache', 'string', '', false],
  ['delete_streams_search', 'string', '', false],
  ['delete_channels_search', 'string', '', false],
  ['delete_games_search', 'string', '', false],
  ['delete_idurl_search', 'string', '', false],
  ['delete_storage_json', 'string', '', false],
  ['oauth_clientid', 'string', '', false],
  ['oauth_redirecturi', 'string', '', false],
];

describe('the original add-on’s settings.xml files', () => {
  it.skipIf(!hasSettingsCorpus)('parse without warnings, every version in the corpus', () => {
    for (const version of CORPUS_VERSIONS) {
      const file = join(settingsCorpus, 'plugin.video.twitch', version, 'settings.xml');
      const definitions = parseSettingsDefinitions(realFs.readFileSync(file, 'utf8'), file);
      expect(definitions.warnings, version).toEqual([]);
      expect(definitions.settings.map((s) => s.id), version).toContain('oauth_token_helix');
    }
  });

  it.skipIf(!hasSettingsCorpus)('3.0.3 converts to exactly the expected ids, types, defaults and visibility, in order', () => {
    const definitions = parseSettingsDefinitions(corpusText('plugin.video.twitch/3.0.3/settings.xml')!, '3.0.3/settings.xml');
    expect(definitions.settings.map((s) => [s.id, s.type, s.default, s.hidden])).toEqual(EXPECTED_303);
  });

  it.skipIf(!hasSettingsCorpus)('3.0.3 keeps the device login action, its category and its legacy conditions', () => {
    const definitions = parseSettingsDefinitions(corpusText('plugin.video.twitch/3.0.3/settings.xml')!, 'settings.xml');
    const byId = new Map(definitions.settings.map((s) => [s.id, s]));
    const login = byId.get('device_login')!;
    expect(resolveAction(login, { id: 'plugin.video.twitch', path: '/addons/twitch' })).toBe(
      'RunPlugin(plugin://plugin.video.twitch/?mode=device_login)',
    );
    expect(login.closeDialog).toBe(true);
    expect(login.categoryLabel).toBe(30127);
    expect(byId.get('bandwidth')!.visibleWhen).toEqual({ kind: 'compare', setting: 'video_quality', operator: 'eq', value: '2', negated: false });
    expect(byId.get('bandwidth')!.parent).toBe('video_quality');
    expect(byId.get('video_quality_ia')!.enable).toEqual({
      kind: 'any',
      conditions: [
        { kind: 'compare', setting: 'video_support_ia_addon', operator: 'eq', value: 'true', negated: false },
        { kind: 'compare', setting: 'video_support_ia_builtin', operator: 'eq', value: 'true', negated: false },
      ],
    });
    expect(byId.get('items_per_page')!.constraints).toEqual({ minimum: 10, step: 1, maximum: 100 });
    expect(byId.get('video_quality')!.constraints.options).toHaveLength(4);
  });

  it.runIf(!hasSettingsCorpus)('are skipped: no ../shared/corpus beside this checkout', () => {
    console.warn('settings-definitions: ../shared/corpus not found; corpus checks skipped');
  });
});

describe('this add-on’s resources/settings.xml', () => {
  const file = join(settingsRepoRoot, 'resources/settings.xml');
  const ours = parseSettingsDefinitions(realFs.readFileSync(file, 'utf8'), file);
  const byId = new Map(ours.settings.map((s) => [s.id, s]));

  it('parses without warnings and declares what the add-on reads', () => {
    expect(ours.warnings).toEqual([]);
    for (const id of ['device_login', 'oauth_refresh_token', 'oauth_token_expiry', 'oauth_refresh_unsupported', 'oauth_token_helix',
      'oauth_clientid', 'private_oauth_clientid', 'private_oauth_token', 'items_per_page', 'search_history_size', 'use_cache']) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(byId.get('oauth_token_expiry')!.default).toBe('0');
    for (const id of ['oauth_refresh_token', 'oauth_token_expiry', 'oauth_refresh_unsupported']) expect(byId.get(id)!.hidden, id).toBe(true);
    expect(byId.get('oauth_token_helix')!.hidden).toBe(false);
    for (const id of ['menu_browse_live', 'menu_browse_games', 'menu_following', 'menu_search', 'menu_settings']) {
      expect(byId.get(id)!.default, id).toBe('true');
    }
  });

  it('has the Login, Main Menu, General and Developer categories', () => {
    const labels = ours.categories.map((c) => c.label);
    for (const label of [30127, 30219, 30076, 30118]) expect(labels).toContain(label);
  });

  it.skipIf(!hasSettingsCorpus)('uses the same type, default and label as 3.0.3 for every id the two share', () => {
    const original = parseSettingsDefinitions(corpusText('plugin.video.twitch/3.0.3/settings.xml')!, '3.0.3');
    const originalById = new Map(original.settings.map((s) => [s.id, s]));
    for (const setting of ours.settings) {
      const before = originalById.get(setting.id);
      if (!before) {
        expect(Number(setting.label), `${setting.id} is new: its label comes from 30900 up`).toBeGreaterThanOrEqual(30900);
        continue;
      }
      expect([setting.type, setting.default, setting.label], setting.id).toEqual([before.type, before.default, before.label]);
    }
  });
});

describe('the legacy format', () => {
  const parse = (body: string, root = '<settings>') => parseSettingsDefinitions(`${root}${body}</settings>`, 'test/settings.xml');

  it('converts types as Kodi does', () => {
    const d = parse(`
      <setting id="b" type="bool" default="1"/>
      <setting id="n" type="number" default="12"/>
      <setting id="le" type="labelenum" values="a|b" default="b"/>
      <setting id="sv" type="select" values="x|y" default="x"/>
      <setting id="sl" type="select" lvalues="30001|30002" default="1"/>
      <setting id="f" type="slider" range="0,1" default="0.25"/>
      <setting id="p" type="folder" default="/tmp"/>
      <setting id="h" type="text" option="hidden"/>
      <setting id="u" type="text" option="urlencoded"/>
      <setting id="notype" default="x"/>
      <setting id="a" type="addon" addontype="xbmc.metadata.scraper.movies"/>
      <setting id="am" type="addon" addontype="xbmc.metadata.scraper.movies" multiselect="true"/>
      <setting id="r" type="rangeofnum" rangestart="0" rangeend="10" elements="11" default="5"/>`);
    const types = Object.fromEntries(d.settings.map((s) => [s.id, [s.type, s.default]]));
    expect(types).toEqual({
      b: ['boolean', 'false'],
      n: ['integer', '12'],
      le: ['string', 'b'],
      sv: ['string', 'x'],
      sl: ['integer', '1'],
      f: ['number', '0.25'],
      p: ['path', '/tmp'],
      h: ['string', ''],
      u: ['urlencodedstring', ''],
      notype: ['string', 'x'],
      a: ['addon', ''],
      am: ['list[addon]', ''],
      r: ['number', '5'],
    });
    expect(d.settings.find((s) => s.id === 'h')!.masked).toBe(true);
    expect(d.settings.find((s) => s.id === 'notype')!.hidden).toBe(true);
  });

  it('skips, with a warning naming the file and the setting, what Kodi cannot use', () => {
    const d = parse(`
      <setting id="odd" type="colourwheel"/>
      <setting id="nothing" type="select"/>
      <setting id="twotypes" type="addon" addontype="xbmc.a,xbmc.b"/>
      <setting id="notype" type="addon"/>
      <setting id="weird" type="slider" option="log"/>
      <setting id="kept" type="bool"/>`);
    expect(d.settings.map((s) => s.id)).toEqual(['kept']);
    expect(d.warnings).toHaveLength(5);
    for (const [warning, id] of d.warnings.map((w, i) => [w, ['odd', 'nothing', 'twotypes', 'notype', 'weird'][i]])) {
      expect(warning).toContain('test/settings.xml');
      expect(warning).toContain(`"${id}"`);
    }
  });

  it('puts settings directly under <settings> first, then categories in order, and groups at separators', () => {
    const d = parse(`
      <category label="Second"><setting id="c" type="bool"/><setting type="sep"/><setting id="d" type="bool"/></category>
      <setting id="a" type="bool"/>
      <category label="30002"><setting id="e" type="bool"/></category>`);
    expect(d.settings.map((s) => [s.id, s.categoryId, s.groupId])).toEqual([
      ['a', 'category0', '0'],
      ['c', 'category1', '0'],
      ['d', 'category1', '1'],
      ['e', 'category2', '0'],
    ]);
    expect(d.categories.map((c) => c.label)).toEqual(['', 'Second', 30002]);
  });

  it('turns a repeated id into a reference to the first definition', () => {
    const d = parse(`<category><setting id="x" type="bool" default="true"/></category><category><setting id="x" type="text"/></category>`);
    expect(d.settings).toHaveLength(1);
    expect(d.settings[0]).toMatchObject({ id: 'x', type: 'boolean' });
    expect(d.references).toEqual([{ id: 'x', categoryId: 'category2', groupId: '0' }]);
  });

  it('reads labels as string ids or literal text', () => {
    const d = parse(`<setting id="a" type="bool" label="30001"/><setting id="b" type="bool" label="Plain words"/><setting id="c" type="bool"/>`);
    expect(d.settings.map((s) => s.label)).toEqual([30001, 'Plain words', '']);
  });

  it('accepts a bare & as Kodi’s loader does', () => {
    const d = parse(`<setting id="a" type="action" action="RunPlugin(plugin://$ID/?mode=x&y=1&amp;z=2)"/>`);
    expect(d.settings[0]!.action).toBe('RunPlugin(plugin://$ID/?mode=x&y=1&z=2)');
  });
});

describe('the new format (version="1")', () => {
  const NEW = `<?xml version="1.0"?>
<settings version="1">
  <section id="plugin.video.example">
    <category id="general" label="30001">
      <group id="1" label="30002">
        <setting id="enabled" type="boolean" label="30003"><level>0</level><default>true</default><control type="toggle"/></setting>
        <setting id="count" type="integer" label="30004" parent="enabled">
          <level>1</level><default>5</default>
          <constraints><minimum>1</minimum><step>1</step><maximum>10</maximum></constraints>
          <dependencies><dependency type="enable" setting="enabled">true</dependency></dependencies>
          <control type="slider" format="integer"/>
        </setting>
        <setting id="mode" type="string" label="30005">
          <level>0</level><default>b</default>
          <constraints><options><option label="30006">a</option><option label="30007">b</option></options><allowempty>false</allowempty></constraints>
          <dependencies><dependency type="visible"><or><condition setting="count" operator="gt">3</condition><condition setting="enabled" operator="!is">true</condition></or></dependency></dependencies>
          <control type="spinner" format="string"/>
        </setting>
        <setting id="secret" type="string" label="30008"><level>4</level><default/><constraints><allowempty>true</allowempty></constraints><control type="edit" format="string"><hidden>true</hidden></control></setting>
        <setting id="go" type="action" label="30009"><level>0</level><data>RunPlugin(plugin://$ID/?mode=go)</data><control type="button" format="action"><close>true</close></control></setting>
        <setting id="odd" type="colour" label="30010"/>
      </group>
    </category>
  </section>
</settings>`;

  it('reads ids, types, levels, constraints, actions and dependencies into the same model', () => {
    const d = parseSettingsDefinitions(NEW, 'new/settings.xml');
    expect(d.formatVersion).toBe(1);
    expect(d.settings.map((s) => [s.id, s.type, s.default, s.level, s.hidden])).toEqual([
      ['enabled', 'boolean', 'true', 0, false],
      ['count', 'integer', '5', 1, false],
      ['mode', 'string', 'b', 0, false],
      ['secret', 'string', '', 4, true],
      ['go', 'action', '', 0, false],
    ]);
    const byId = new Map(d.settings.map((s) => [s.id, s]));
    expect(byId.get('count')!.constraints).toEqual({ minimum: 1, step: 1, maximum: 10 });
    expect(byId.get('count')!.enable).toEqual({ kind: 'compare', setting: 'enabled', operator: 'eq', value: 'true', negated: false });
    expect(byId.get('mode')!.constraints).toEqual({ options: [{ label: 30006, value: 'a' }, { label: 30007, value: 'b' }], allowEmpty: false });
    expect(byId.get('mode')!.visibleWhen).toMatchObject({ kind: 'any', conditions: [{ operator: 'gt', value: '3' }, { operator: 'eq', negated: true }] });
    expect(byId.get('secret')!.masked).toBe(true);
    expect(byId.get('go')).toMatchObject({ action: 'RunPlugin(plugin://$ID/?mode=go)', closeDialog: true, categoryId: 'general', groupId: '1' });
    expect(d.warnings).toEqual(['new/settings.xml: setting "odd" has the unknown type "colour"; skipped']);
  });
});

describe('hostile and broken definitions', () => {
  const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<settings><setting id="x" type="text" default="&lol9;"/></settings>`;

  it('refuses a "billion laughs" file fast, with a clear error', () => {
    const started = performance.now();
    expect(() => parseSettingsDefinitions(BILLION_LAUGHS, 'evil/settings.xml')).toThrowError(
      expect.objectContaining({ code: ErrorCodes.SETTINGS_XML, message: expect.stringMatching(/evil\/settings\.xml declares XML entities/) }),
    );
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses an external entity', () => {
    const xxe = `<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><settings><setting id="a" type="text" default="&x;"/></settings>`;
    expect(() => parseSettingsDefinitions(xxe, 'xxe.xml')).toThrowError(/entities/);
  });

  it('reports a file that is not well-formed with its name and position', () => {
    expect(() => parseSettingsDefinitions('<settings>\n<setting id="a" type="bool">\n</settings>', 'broken.xml')).toThrowError(
      expect.objectContaining({ code: ErrorCodes.SETTINGS_XML, message: expect.stringMatching(/broken\.xml is not well-formed XML: .*Line: 2/) }),
    );
  });
});
